"""Build needs_assessment.xlsx, the ready needs-assessment XLSForm shipped with Madani.

Run after changing the questions:  .venv/bin/python madani/assessments/xlsforms/build_needs_assessment.py
The file is loaded into every installation by migration 0002_needs_assessment (madani/assessments/README.md).
"""

from pathlib import Path

AR, EN = "label::Arabic (ar)", "label::English (en)"
HINT_AR, HINT_EN = "hint::Arabic (ar)", "hint::English (en)"
CMSG_AR, CMSG_EN = "constraint_message::Arabic (ar)", "constraint_message::English (en)"

# domain slug, Arabic, English, [(name, Arabic, English)] — each rated on the four-level scale.
DOMAINS = [
    ("governance", "الحوكمة", "Governance", [
        ("gov_bylaws", "نظام داخلي مكتوب يحدد الأدوار والصلاحيات", "Written bylaws that define roles and powers"),
        ("gov_separation", "فصل واضح بين دور مجلس الإدارة والإدارة التنفيذية",
         "A clear separation between the board and the executive management"),
        ("gov_policies", "سياسات مكتوبة لتضارب المصالح والشكاوى وحماية الفئات الضعيفة",
         "Written policies on conflict of interest, complaints and safeguarding"),
    ]),
    ("strategic_planning", "التخطيط الاستراتيجي", "Strategic planning", [
        ("sp_vision", "رؤية ورسالة وقيم مكتوبة ومعروفة للفريق", "A written vision, mission and values known to the team"),
        ("sp_plan", "خطة استراتيجية سارية لثلاث سنوات أو أكثر", "A current strategic plan for three years or more"),
        ("sp_context", "تحليل للسياق (مثل تحليل SWOT) يُحدَّث دورياً", "A context analysis (such as SWOT) updated regularly"),
        ("sp_operational", "خطط تشغيلية سنوية مرتبطة بالخطة الاستراتيجية",
         "Annual operational plans linked to the strategic plan"),
    ]),
    ("project_management", "إدارة المشاريع", "Project management", [
        ("pm_needs", "تصميم المشاريع بناءً على تقييم احتياجات المجتمع", "Projects designed from an assessment of community needs"),
        ("pm_logframe", "استخدام الإطار المنطقي وخطط العمل والجداول الزمنية",
         "Use of logical frameworks, work plans and timelines"),
        ("pm_risk", "تحديد المخاطر ووضع خطط للتعامل معها", "Risks identified, with plans to handle them"),
        ("pm_reporting", "تقارير دورية للمانحين تُسلَّم في موعدها", "Regular donor reports delivered on time"),
    ]),
    ("monitoring_evaluation", "الرصد والتقييم", "Monitoring and evaluation", [
        ("me_indicators", "مؤشرات قابلة للقياس لكل مشروع", "Measurable indicators for each project"),
        ("me_tools", "أدوات لجمع البيانات (استمارات، قوائم حضور، استبيانات)",
         "Data-collection tools (forms, attendance sheets, surveys)"),
        ("me_learning", "استخدام نتائج الرصد والتقييم لتحسين العمل", "Monitoring and evaluation findings used to improve the work"),
        ("me_feedback", "آلية لتلقي ملاحظات المستفيدين والرد عليها", "A way to receive and answer beneficiaries' feedback"),
    ]),
    ("finance", "الإدارة المالية", "Financial management", [
        ("fin_manual", "دليل إجراءات مالية مكتوب", "A written financial procedures manual"),
        ("fin_bank", "حساب مصرفي أو آلية آمنة لحفظ الأموال", "A bank account or another safe way to hold funds"),
        ("fin_budget", "موازنات للمشاريع ومتابعة الصرف مقارنة بها", "Project budgets, with spending followed against them"),
        ("fin_audit", "تدقيق مالي داخلي أو خارجي", "An internal or external financial audit"),
    ]),
    ("human_resources", "الموارد البشرية", "Human resources", [
        ("hr_policy", "سياسة موارد بشرية مكتوبة", "A written human-resources policy"),
        ("hr_jobs", "توصيف وظيفي لكل موظف ومتطوع", "A job description for every staff member and volunteer"),
        ("hr_recruitment", "توظيف شفاف قائم على الكفاءة", "Transparent, merit-based recruitment"),
        ("hr_development", "تقييم أداء دوري وخطط لتطوير القدرات", "Regular performance appraisal and capacity-development plans"),
    ]),
    ("fundraising", "جمع التمويل", "Fundraising", [
        ("fr_plan", "خطة لجمع التمويل وتنويع مصادره", "A fundraising plan that diversifies sources"),
        ("fr_proposals", "القدرة على كتابة مقترحات مشاريع جيدة", "The ability to write good project proposals"),
        ("fr_donor_relations", "علاقات وتواصل منتظم مع المانحين", "Regular relations and communication with donors"),
    ]),
    ("networking", "التشبيك", "Networking", [
        ("net_member", "عضوية في شبكات أو تحالفات", "Membership of networks or coalitions"),
        ("net_partnerships", "شراكات مع منظمات أخرى لتنفيذ أنشطة مشتركة", "Partnerships with other organizations for joint activities"),
        ("net_authorities", "تواصل منتظم مع المجالس المحلية والجهات المعنية",
         "Regular contact with local councils and other stakeholders"),
        ("net_visibility", "حضور إعلامي وتواصل مع المجتمع", "Media presence and communication with the community"),
    ]),
    ("advocacy", "المناصرة", "Advocacy", [
        ("adv_issues", "تحديد قضايا المناصرة بناءً على أدلة", "Advocacy issues chosen from evidence"),
        ("adv_plan", "خطة أو حملة مناصرة تم تنفيذها", "An advocacy plan or campaign carried out"),
        ("adv_community", "إشراك المجتمع والفئات المهمشة في المناصرة", "The community and marginalized groups involved in advocacy"),
        ("adv_results", "متابعة نتائج المناصرة وأثرها على السياسات", "Results of advocacy followed up, with their effect on policies"),
    ]),
]

LEVELS = [
    ("not_in_place", "غير موجود", "Not in place", 0),
    ("initial", "في مرحلة أولية", "Initial stage", 1),
    ("partial", "موجود جزئياً", "Partly in place", 2),
    ("full", "موجود ومطبَّق بالكامل", "Fully in place and applied", 3),
]

FUNDING = [
    ("international", "مانحون دوليون", "International donors", 1),
    ("local", "مانحون محليون أو من المغتربين", "Local or diaspora donors", 1),
    ("membership", "اشتراكات الأعضاء", "Membership fees", 1),
    ("income", "أنشطة مدرّة للدخل", "Income-generating activities", 1),
    ("in_kind", "مساهمات عينية", "In-kind contributions", 1),
    ("none", "لا يوجد", "None", 0),
]


def rows():
    survey = [
        {"type": "note", "name": "intro",
         AR: "يساعد هذا التقييم المنظمة والمركز على تحديد أولويات الدعم. أجب بصدق: لا توجد إجابات صحيحة أو خاطئة.",
         EN: "This assessment helps the organization and the center set support priorities. Answer honestly: "
             "there are no right or wrong answers."},
        {"type": "begin group", "name": "profile", AR: "عن المنظمة", EN: "About the organization"},
        {"type": "text", "name": "respondent_role", AR: "صفة الشخص الذي يجيب", EN: "Role of the person answering",
         "required": "yes"},
        {"type": "integer", "name": "staff_count", AR: "عدد العاملين بأجر", EN: "Number of paid staff", "required": "yes",
         "constraint": ". >= 0 and . <= 10000", CMSG_AR: "أدخل عدداً بين 0 و10000.",
         CMSG_EN: "Enter a number between 0 and 10,000."},
        {"type": "integer", "name": "volunteer_count", AR: "عدد المتطوعين", EN: "Number of volunteers",
         "constraint": ". >= 0", CMSG_AR: "لا يمكن أن يكون العدد سالباً.", CMSG_EN: "The number cannot be negative."},
        {"type": "decimal", "name": "annual_budget", AR: "الموازنة السنوية التقريبية (بالدولار الأمريكي)",
         EN: "Approximate annual budget (US dollars)", "constraint": ". >= 0",
         CMSG_AR: "لا يمكن أن تكون الموازنة سالبة.", CMSG_EN: "The budget cannot be negative."},
        {"type": "end group"},
    ]
    for slug, arabic, english, questions in DOMAINS:
        survey.append({"type": "begin group", "name": slug, AR: arabic, EN: english, "madani_domain": slug})
        if slug == "governance":
            survey += [
                {"type": "select_one yes_no", "name": "has_board", AR: "هل لدى المنظمة مجلس إدارة أو هيئة عامة؟",
                 EN: "Does the organization have a board or general assembly?", "required": "yes"},
                {"type": "integer", "name": "board_meetings", AR: "كم مرة اجتمع المجلس خلال الأشهر الاثني عشر الماضية؟",
                 EN: "How many times did the board meet in the past twelve months?",
                 "relevant": "${has_board} = 'yes'", "constraint": ". >= 0 and . <= 100",
                 CMSG_AR: "أدخل عدداً بين 0 و100.", CMSG_EN: "Enter a number between 0 and 100."},
            ]
        for name, q_ar, q_en in questions:
            row = {"type": "select_one level", "name": name, AR: q_ar, EN: q_en, "required": "yes"}
            if name == questions[0][0]:
                row.update({HINT_AR: "اختر المستوى الذي يصف واقع المنظمة اليوم.",
                            HINT_EN: "Choose the level that describes the organization today."})
            survey.append(row)
            if name == "sp_plan":
                survey.append({"type": "date", "name": "sp_plan_date", AR: "تاريخ اعتماد الخطة الاستراتيجية الحالية",
                               EN: "Date the current strategic plan was adopted",
                               "relevant": "${sp_plan} != '' and ${sp_plan} != 'not_in_place'"})
        if slug == "fundraising":
            survey.append({
                "type": "select_multiple funding", "name": "fr_sources",
                AR: "مصادر تمويل المنظمة خلال السنتين الماضيتين", EN: "The organization's funding sources in the past two years",
                "required": "yes", "constraint": "not(selected(., 'none') and count-selected(.) > 1)",
                CMSG_AR: "«لا يوجد» لا يجتمع مع مصدر آخر.", CMSG_EN: "“None” cannot be combined with another source.",
            })
        survey.append({"type": "end group"})
    survey.append({"type": "text", "name": "other_needs", AR: "احتياجات أو ملاحظات أخرى", EN: "Other needs or remarks"})
    choices = [{"list_name": "yes_no", "name": "yes", AR: "نعم", EN: "Yes", "madani_score": 3},
               {"list_name": "yes_no", "name": "no", AR: "لا", EN: "No", "madani_score": 0}]
    choices += [{"list_name": "level", "name": n, AR: a, EN: e, "madani_score": s} for n, a, e, s in LEVELS]
    choices += [{"list_name": "funding", "name": n, AR: a, EN: e, "madani_score": s} for n, a, e, s in FUNDING]
    settings = {"form_title": "تقييم الاحتياجات المؤسسية", "form_id": "madani_needs_assessment", "version": "2026.1",
                "default_language": "Arabic (ar)"}
    return survey, choices, settings


def build(path: Path) -> None:
    from madani.assessments.workbooks import xlsform_bytes

    path.write_bytes(xlsform_bytes(*rows()))


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository root, for `madani`
    build(Path(__file__).resolve().parent / "needs_assessment.xlsx")
