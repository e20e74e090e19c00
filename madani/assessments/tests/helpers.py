"""Helpers shared by the assessments' tests."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .conftest import small_form_bytes


def upload_questionnaire(client, data=None, **fields):
    """Post the upload form: a needs questionnaire from ``data`` (an XLSForm; the small one by default)."""
    payload = {"title_ar": "استمارة المالية", "title_en": "Finance form", "kind": "needs",
               "xlsform": SimpleUploadedFile("finance.xlsx", data if data is not None else small_form_bytes())}
    payload.update(fields)
    return client.post(reverse("assessments:upload"), payload)


def instance_xml(questionnaire, answers: dict, instance_id="uuid:00000000-0000-4000-8000-000000000001",
                 version=None) -> bytes:
    """The submission XML ODK's engine writes for ``answers`` (question name → value; a list for a multiple
    choice; ``None`` for a relevant question left empty; absent: not relevant, so not sent)."""
    from xml.sax.saxutils import escape as xml_escape

    from madani.assessments.submissions import served_version

    def walk(children):
        parts = []
        for item in children:
            if item["type"] in {"group", "repeat"}:
                inner = walk(item["children"])
                if inner:
                    parts.append(f"<{item['name']}>{inner}</{item['name']}>")
            elif item["name"] in answers:
                value = answers[item["name"]]
                text = " ".join(value) if isinstance(value, list) else ("" if value is None else str(value))
                parts.append(f"<{item['name']}>{xml_escape(text)}</{item['name']}>")
        return "".join(parts)

    version = served_version(questionnaire) if version is None else version
    return (f'<?xml version="1.0"?><data xmlns:jr="http://openrosa.org/javarosa" id="madani-{questionnaire.pk}" '
            f'version="{version}">{walk(questionnaire.definition["children"])}'
            f"<meta><instanceID>{instance_id}</instanceID></meta></data>").encode()
