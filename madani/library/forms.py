from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Topic
from madani.branches.models import Branch
from madani.core.concurrency import VersionedForm
from madani.core.templatetags.bidi import separator

from .models import ACCEPTED_EXTENSIONS, Kind, Resource, max_bytes
from .permissions import can_edit_center_wide_resources


class ResourceForm(VersionedForm, forms.ModelForm):
    url = forms.URLField(label=_("link"), required=False, max_length=500, assume_scheme="https",
                         widget=forms.URLInput(attrs={"placeholder": "https://"}))

    class Meta:
        model = Resource
        fields = ["kind", "title_ar", "title_en", "summary_ar", "summary_en", "authors", "year", "language", "topics",
                  "access", "file", "url", "branch"]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "file": forms.FileInput,  # no link to the stored file: it is served only through library:file
            "summary_ar": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"title_ar": _("Title in Arabic"), "title_en": _("Title in English"),
                  "summary_ar": _("Summary in Arabic"), "summary_en": _("Summary in English")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["branch"].queryset = Branch.objects.visible_to(user)
        self.fields["branch"].required = not can_edit_center_wide_resources(user)
        if not self.instance.pk and len(user.branch_ids()) == 1:
            self.initial.setdefault("branch", user.branch_ids()[0])
        limits = separator().join(
            _("%(kind)s: %(types)s (at most %(megabytes)s MB)") % {
                "kind": Kind(kind).label, "types": " ".join(extensions), "megabytes": max_bytes(kind) // (1024 * 1024)}
            for kind, extensions in ACCEPTED_EXTENSIONS.items()
        )
        self.fields["file"].help_text = limits
        if self.instance.file:
            self.fields["file"].help_text = _("Stored: %(name)s. Upload another file to replace it.") % {
                "name": self.instance.file.name.rsplit("/", 1)[-1]} + " " + limits

    def upload(self):
        """The newly uploaded file, if any (not the one already stored)."""
        upload = self.cleaned_data.get("file")
        return upload if isinstance(upload, UploadedFile) else None

    def resource_data(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "file"}
