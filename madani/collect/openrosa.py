"""The OpenRosa server ODK Collect (and Enketo, pyodk…) talk to at /openrosa/ — as KoboToolbox (kobocat)
and ODK Central implement the OpenRosa 1.0 APIs: ``formList``, the form download, its ``manifest``,
and ``submission`` (HEAD to learn the accepted size, POST the instance and its files).

Every request must carry a device access in HTTP Basic (401 with a challenge otherwise; use it over TLS)
and ``X-OpenRosa-Version: 1.0`` (400 otherwise); every answer carries ``X-OpenRosa-Version``, ``Date``
and, on submission, ``X-OpenRosa-Accept-Content-Length``. The forms are the surveys of the device owner's
branches (``services.forms_for``); their XForm is the one pyxform wrote, with the form ID
``madani-<pk>`` and the questionnaire's version, so that a submission names the form it belongs to.
"""

import hashlib

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from lxml import etree

from madani.assessments.submissions import served_xform  # noqa: F401 (also imported from here)

from . import attendance, services

ACCEPT_CONTENT_LENGTH = 10_000_000


def _answer(body: bytes = b"", status: int = 200, content_type: str = "text/xml; charset=utf-8") -> HttpResponse:
    response = HttpResponse(body, status=status, content_type=content_type)
    response["X-OpenRosa-Version"] = "1.0"
    response["Date"] = http_date()
    return response


def _message(status: int, text: str, nature: str = "") -> HttpResponse:
    root = etree.Element("OpenRosaResponse", nsmap={None: "http://openrosa.org/http/response"})
    message = etree.SubElement(root, "message")
    if nature:
        message.set("nature", nature)
    message.text = text
    return _answer(etree.tostring(root, xml_declaration=True, encoding="utf-8"), status=status)


def openrosa_view(view):
    """The OpenRosa header and a device access before ``view(request, credential, …)``."""
    @csrf_exempt
    def wrapped(request, *args, **kwargs):
        credential = services.authenticate(request.headers.get("Authorization", ""))
        if credential is None:
            response = _message(401, _("Sign in with a device access made on your ODK Collect page."))
            response["WWW-Authenticate"] = 'Basic realm="Madani ODK Collect"'
            return response
        if request.headers.get("X-OpenRosa-Version") != "1.0":
            return _message(400, _("This address speaks OpenRosa 1.0: send the X-OpenRosa-Version header."))
        request.user = credential.user
        return view(request, credential, *args, **kwargs)
    return wrapped


@openrosa_view
def form_list(request, credential):
    if request.method not in {"GET", "HEAD"}:
        return _message(405, _("Use GET."))
    root = etree.Element("xforms", nsmap={None: "http://openrosa.org/xforms/xformsList"})
    for questionnaire in services.forms_for(credential.user).order_by("pk"):
        if "xform" not in questionnaire.definition:
            continue
        form = etree.SubElement(root, "xform")
        for tag, value in (
            ("formID", f"{services.FORM_ID_PREFIX}{questionnaire.pk}"),
            ("name", questionnaire.title),
            ("version", services.served_version(questionnaire)),
            ("hash", "md5:" + hashlib.md5(served_xform(questionnaire), usedforsecurity=False).hexdigest()),
            ("downloadUrl", request.build_absolute_uri(reverse("openrosa:form", args=[questionnaire.pk]))),
            ("manifestUrl", request.build_absolute_uri(reverse("openrosa:manifest", args=[questionnaire.pk]))),
        ):
            etree.SubElement(form, tag).text = value
    for session in attendance.listed_sessions(credential.user):
        form = etree.SubElement(root, "xform")
        xml = attendance.xform(session)
        for tag, value in (
            ("formID", attendance.form_id(session)),
            ("name", attendance.title(session)),
            ("version", attendance.version(session)),
            ("hash", "md5:" + hashlib.md5(xml, usedforsecurity=False).hexdigest()),
            ("downloadUrl", request.build_absolute_uri(reverse("openrosa:attendance_form", args=[session.pk]))),
            ("manifestUrl", request.build_absolute_uri(reverse("openrosa:attendance_manifest", args=[session.pk]))),
        ):
            etree.SubElement(form, tag).text = value
    return _answer(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def _session_for(credential, pk):
    return get_object_or_404(attendance.sessions_for(credential.user), pk=pk)


@openrosa_view
def attendance_form(request, credential, pk):
    """A session's attendance form (any session the device's owner may mark, listed or not)."""
    return _answer(attendance.xform(_session_for(credential, pk)))


@openrosa_view
def attendance_manifest(request, credential, pk):
    _session_for(credential, pk)
    root = etree.Element("manifest", nsmap={None: "http://openrosa.org/xforms/xformsManifest"})
    return _answer(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


def _form_for(credential, pk):
    return get_object_or_404(services.forms_for(credential.user).filter(definition__has_key="xform"), pk=pk)


@openrosa_view
def form_download(request, credential, pk):
    return _answer(served_xform(_form_for(credential, pk)))


@openrosa_view
def manifest(request, credential, pk):
    """The form's media files, as ODK Central lists them: file name, ``md5:`` hash and download address
    (the images, audio and video its XLSForm names, uploaded with it)."""
    questionnaire = _form_for(credential, pk)
    root = etree.Element("manifest", nsmap={None: "http://openrosa.org/xforms/xformsManifest"})
    for media in questionnaire.media_files.order_by("name"):
        item = etree.SubElement(root, "mediaFile")
        etree.SubElement(item, "filename").text = media.name
        etree.SubElement(item, "hash").text = f"md5:{media.md5}"
        etree.SubElement(item, "downloadUrl").text = request.build_absolute_uri(
            reverse("openrosa:media", args=[questionnaire.pk, media.pk]))
    return _answer(etree.tostring(root, xml_declaration=True, encoding="utf-8"))


@openrosa_view
def media(request, credential, pk, media_pk):
    """One media file of a form the device lists."""
    questionnaire = _form_for(credential, pk)
    item = get_object_or_404(questionnaire.media_files, pk=media_pk)
    response = FileResponse(item.file.open("rb"), content_type=item.content_type, as_attachment=True,
                            filename=item.name)
    response["X-OpenRosa-Version"] = "1.0"
    response["Date"] = http_date()
    response["X-Content-Type-Options"] = "nosniff"
    return response


@openrosa_view
def submission(request, credential):
    if request.method == "HEAD":
        response = _answer(status=204)
        response["X-OpenRosa-Accept-Content-Length"] = str(ACCEPT_CONTENT_LENGTH)
        return response
    if request.method != "POST":
        return _message(405, _("Use HEAD or POST."))
    if int(request.headers.get("Content-Length") or 0) > ACCEPT_CONTENT_LENGTH:
        return _message(413, _("The submission is larger than the server accepts; send it in parts."))
    xml_file = request.FILES.get("xml_submission_file")
    if xml_file is None:
        return _message(400, _("The submission has no xml_submission_file part."))
    files = [upload for name, uploads in request.FILES.lists() if name != "xml_submission_file" for upload in uploads]
    try:
        status, _received = services.submission_receive(credential=credential, xml=xml_file.read(), files=files)
    except services.Refusal as refusal:
        return _message(refusal.status, refusal.message)
    text = _("Received, thank you.") if status == 201 else _("This submission was already received.")
    response = _message(status, text, nature="submit_success")
    response["X-OpenRosa-Accept-Content-Length"] = str(ACCEPT_CONTENT_LENGTH)
    return response
