import os
import re
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from madani.core.concurrency import StaleVersion
from madani.core.confirm import ConfirmForm, confirm_action
from madani.core.history import history_entries
from madani.core.lists import filtered_queryset, render_list
from madani.core.permissions import ObjectAccess, require

from . import services
from .filters import ResourceFilter
from .forms import ResourceForm
from .models import Access, Resource
from .permissions import can_add_resources, can_edit_resources, can_see_library_as_staff
from .tables import ResourceTable


def _get_resource_for_user(user, pk) -> tuple[Resource, ObjectAccess]:
    """A resource ``user`` sees (404 otherwise; anonymous visitors: public ones), and what they may do with it."""
    resource = get_object_or_404(Resource.objects.visible_to(user), pk=pk)
    return resource, ObjectAccess(user, resource, edit=can_edit_resources, see_history=can_see_library_as_staff)


def _get_resource_for_editing(user, pk) -> Resource:
    """Registry editors change their own branches' resources; another branch's are not found."""
    require(can_add_resources(user))
    return get_object_or_404(Resource.objects.editable_by(user), pk=pk)


def _filtered(request):
    queryset = Resource.objects.visible_to(request.user).prefetch_related("topics")
    return ResourceFilter(request.GET or None, queryset=queryset)


def resource_list(request):
    """Public: anonymous visitors see public resources only (visible_to)."""
    return render_list(request, _filtered(request), ordering=["-created_at", "-pk"],
                       template="library/resource_list.html", table=ResourceTable(),
                       context={"export_url": reverse("library:export")})


def resource_export(request):
    return ResourceTable().export(request, "library", filtered_queryset(_filtered(request)).order_by("pk"))


def resource_detail(request, pk):
    resource, access = _get_resource_for_user(request.user, pk)
    context = {
        "resource": resource, "access": access,
        "history": history_entries(resource) if access.can_see_history else None,  # names who changed it: staff
    }
    return render(request, "library/resource_detail.html", context)


RANGE = re.compile(r"\s*bytes=(\d*)-(\d*)\s*")
CHUNK_BYTES = 64 * 1024


class UnsatisfiableRange(Exception):
    pass


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The first and last byte of a single range — ``bytes=a-b``, ``bytes=a-`` or ``bytes=-n`` (the last
    n bytes) — in a file of ``size`` bytes. None when there is no usable header (several ranges, or a
    malformed one): the whole file is sent. Raises UnsatisfiableRange when the range lies outside the file."""
    match = RANGE.fullmatch(header or "")
    if not match or match.groups() == ("", ""):
        return None
    first, last = match.groups()
    if first == "":
        if int(last) == 0 or size == 0:
            raise UnsatisfiableRange
        return max(size - int(last), 0), size - 1
    first, last = int(first), int(last) if last else None
    if last is not None and last < first:
        return None
    if first >= size:
        raise UnsatisfiableRange
    return first, size - 1 if last is None else min(last, size - 1)


class _StoredBytes:
    """Bytes ``first``…``first + length - 1`` of a file opened from the storage, in chunks. The response
    closes it, even when it was never read."""

    def __init__(self, handle, first, length):
        self.handle, self.first, self.length = handle, first, length

    def __iter__(self):
        if self.length <= 0:
            return
        s3_object = getattr(self.handle, "obj", None)
        if s3_object is not None:
            # django-storages' S3File would download the whole object before the first read: ask the
            # store for these bytes only (a seek in a 500 MB video costs one small request).
            body = s3_object.get(Range=f"bytes={self.first}-{self.first + self.length - 1}")["Body"]
            try:
                yield from body.iter_chunks(CHUNK_BYTES)
            finally:
                body.close()
            return
        self.handle.seek(self.first)
        remaining = self.length
        while remaining > 0:
            chunk = self.handle.read(min(CHUNK_BYTES, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk

    def close(self):
        self.handle.close()


def resource_file(request, pk):
    """The resource's file, to those who may see the resource, as an attachment. A single Range is
    honoured (206), so audio and video players can seek."""
    resource, _access = _get_resource_for_user(request.user, pk)
    if not resource.file:
        raise Http404
    try:
        handle = resource.file.storage.open(resource.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    size = handle.size
    try:
        # If-Range carries a validator we never sent: the file may have changed, send all of it.
        requested = None if "If-Range" in request.headers else byte_range(request.headers.get("Range"), size)
    except UnsatisfiableRange:
        handle.close()
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    else:
        first, last = requested or (0, size - 1)
        response = StreamingHttpResponse(_StoredBytes(handle, first, last - first + 1),
                                         status=206 if requested else 200,
                                         content_type=resource.content_type or "application/octet-stream")
        response["Content-Length"] = str(last - first + 1)
        if requested:
            response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Disposition"] = content_disposition_header(True, os.path.basename(resource.file.name))
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    if resource.access != Access.PUBLIC:
        patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def resource_create(request):
    require(can_add_resources(request.user))
    form = ResourceForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_create(actor=request.user, data=form.resource_data(), upload=form.upload())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The resource was added to the library."))
            return redirect("library:detail", pk=resource.pk)
    return render(request, "library/resource_form.html", {"form": form})


@login_required
def resource_edit(request, pk):
    resource = _get_resource_for_editing(request.user, pk)
    form = ResourceForm(request.POST or None, request.FILES or None, instance=resource, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(actor=request.user, resource=resource, data=form.resource_data(),
                                     upload=form.upload(), version=form.version)
        except StaleVersion as stale:
            form.show_conflict(stale)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The resource was saved."))
            return redirect("library:detail", pk=resource.pk)
    return render(request, "library/resource_form.html", {"form": form, "resource": resource})


@login_required
def resource_delete(request, pk):
    resource = _get_resource_for_editing(request.user, pk)
    return confirm_action(
        request, title=_("Delete resource"), button=_("Delete"),
        question=_("“%(title)s” will be removed from the library with its file. This cannot be undone.")
        % {"title": resource},
        form=partial(ConfirmForm, label=_("Yes, delete this record")),
        action=lambda form: services.resource_delete(actor=request.user, resource=resource),
        done_message=_("The resource was deleted."), done_url=reverse("library:list"),
        back_url=reverse("library:detail", args=[resource.pk]))

