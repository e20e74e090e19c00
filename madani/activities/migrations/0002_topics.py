"""Seed the topic taxonomy with the topics named in the centers' reports (seeds 000, 001, 003)."""

from django.db import migrations

# code, Arabic, English, needs-assessment domain it addresses
TOPICS = [
    ("advocacy", "المناصرة والتحشيد المجتمعي", "Advocacy and community mobilization", "advocacy"),
    ("fundraising", "جمع التمويل", "Fundraising", "fundraising"),
    ("networking", "التشبيك وبناء التحالفات", "Networking and coalition building", "networking"),
    ("strategic-planning", "التخطيط الاستراتيجي", "Strategic planning", "strategic_planning"),
    ("swot", "تحليل SWOT", "SWOT analysis", "strategic_planning"),
    ("project-management", "إدارة المشاريع", "Project management", "project_management"),
    ("monitoring-evaluation", "الرصد والتقييم", "Monitoring and evaluation (M&E)", "monitoring_evaluation"),
    ("financial-management", "الإدارة المالية", "Financial management", "finance"),
    ("human-resources", "إدارة الموارد البشرية", "Human resources", "human_resources"),
    ("operational-planning", "التخطيط التشغيلي", "Operational planning", "strategic_planning"),
    ("proposal-writing", "كتابة المقترحات", "Proposal writing", "fundraising"),
    ("leadership", "القيادة", "Leadership", "governance"),
    ("governance", "الحوكمة الداخلية", "Internal governance", "governance"),
    ("political-participation", "المشاركة السياسية", "Political participation", "advocacy"),
    ("needs-assessment", "تقييم الاحتياجات", "Needs assessment", "project_management"),
    ("participatory-democracy", "الديمقراطية التشاركية", "Participatory democracy", "advocacy"),
    ("local-elections", "الانتخابات المحلية ومراقبتها", "Local elections and their monitoring", "advocacy"),
    ("communication", "التواصل والإعلام", "Communication and media", "networking"),
]


def seed(apps, schema_editor):
    Topic = apps.get_model("activities", "Topic")
    for code, arabic, english, domain in TOPICS:
        Topic.objects.update_or_create(
            code=code, defaults={"name": arabic, "name_ar": arabic, "name_en": english, "assessment_domain": domain}
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
