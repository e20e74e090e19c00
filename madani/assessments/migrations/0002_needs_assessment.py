"""Load the ready needs-assessment form (Arabic and English, nine capacity domains) into every install."""

from pathlib import Path

from django.db import migrations

FILE = "needs_assessment.xlsx"


def load(apps, schema_editor):
    from madani.assessments.domains import DOMAINS
    from madani.assessments.xlsform import read_xlsform

    Questionnaire = apps.get_model("assessments", "Questionnaire")
    path = Path(__file__).resolve().parent.parent / "xlsforms" / FILE
    definition = read_xlsform(path.read_bytes(), FILE, domains=set(DOMAINS))
    definition["builtin_file"] = FILE
    Questionnaire.objects.create(
        title="تقييم الاحتياجات المؤسسية", title_ar="تقييم الاحتياجات المؤسسية",
        title_en="Organizational needs assessment", kind="needs", version=definition["version"],
        definition=definition,
    )


def unload(apps, schema_editor):
    Questionnaire = apps.get_model("assessments", "Questionnaire")
    Questionnaire.objects.filter(kind="needs", definition__builtin_file=FILE, responses__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial"), ("activities", "0002_topics")]
    operations = [migrations.RunPython(load, unload)]
