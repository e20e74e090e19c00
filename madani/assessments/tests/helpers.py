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
