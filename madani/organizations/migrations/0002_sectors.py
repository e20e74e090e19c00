"""The sectors CSOs work in (bilingual; editable in the admin)."""

from django.db import migrations

SECTORS = [
    ("civil-society", "تمكين المجتمع المدني", "Civil-society strengthening"),
    ("democracy", "الديمقراطية والمشاركة السياسية", "Democracy and political participation"),
    ("peacebuilding", "بناء السلام والسلم الأهلي", "Peacebuilding and social cohesion"),
    ("human-rights", "حقوق الإنسان والمناصرة", "Human rights and advocacy"),
    ("women", "تمكين المرأة", "Women's empowerment"),
    ("youth", "الشباب", "Youth"),
    ("education", "التعليم", "Education"),
    ("health", "الصحة", "Health"),
    ("psychosocial", "الدعم النفسي الاجتماعي", "Psychosocial support"),
    ("protection", "الحماية", "Protection"),
    ("livelihoods", "سبل العيش", "Livelihoods"),
    ("wash", "المياه والصرف الصحي والنظافة", "Water, sanitation and hygiene"),
    ("shelter", "المأوى وإعادة التأهيل", "Shelter and rehabilitation"),
    ("environment", "البيئة", "Environment"),
    ("culture", "الثقافة والفنون", "Culture and arts"),
    ("media", "الإعلام", "Media"),
    ("relief", "الإغاثة", "Relief"),
    ("legal-aid", "الدعم القانوني", "Legal aid"),
]


def load(apps, schema_editor):
    Sector = apps.get_model("organizations", "Sector")
    for code, name_ar, name_en in SECTORS:
        Sector.objects.update_or_create(code=code, defaults={"name": name_ar, "name_ar": name_ar, "name_en": name_en})


def unload(apps, schema_editor):
    apps.get_model("organizations", "Sector").objects.filter(code__in=[s[0] for s in SECTORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
