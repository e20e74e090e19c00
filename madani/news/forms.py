from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.concurrency import VersionedForm
from madani.core.images import validate_image

from .models import NewsPost, Tag


class NewsPostForm(VersionedForm, forms.ModelForm):
    """Both languages side by side; either may stay empty (the post then exists in one language)."""

    version_extra_fields = ("cover",)  # changed through cover_upload and remove_cover

    cover_upload = forms.FileField(
        label=_("Cover image"), required=False,
        help_text=_("JPEG, PNG or WebP. It is resized, compressed and stripped of its metadata (such as the "
                    "place where a photo was taken)."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_cover = forms.BooleanField(label=_("Remove the cover image"), required=False)

    class Meta:
        model = NewsPost
        fields = ["title_ar", "summary_ar", "body_ar", "title_en", "summary_en", "body_en", "tags", "branch"]
        widgets = {
            "summary_ar": forms.Textarea(attrs={"rows": 2, "dir": "rtl", "lang": "ar"}),
            "summary_en": forms.Textarea(attrs={"rows": 2, "dir": "ltr", "lang": "en"}),
            "body_ar": forms.Textarea(attrs={"rows": 14, "dir": "rtl", "lang": "ar"}),
            "body_en": forms.Textarea(attrs={"rows": 14, "dir": "ltr", "lang": "en"}),
            "title_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "title_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
            "tags": forms.CheckboxSelectMultiple,
        }
        labels = {
            "title_ar": _("Title in Arabic"), "summary_ar": _("Summary in Arabic"), "body_ar": _("Text in Arabic"),
            "title_en": _("Title in English"), "summary_en": _("Summary in English"), "body_en": _("Text in English"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].queryset = Tag.objects.all()
        self.fields["branch"].queryset = Branch.objects.visible_to(user)
        if not self.instance.cover:
            del self.fields["remove_cover"]

    def clean_cover_upload(self):
        upload = self.cleaned_data.get("cover_upload")
        if isinstance(upload, UploadedFile):
            validate_image(upload)
        return upload

    def post_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("cover_upload", None)
        data.pop("remove_cover", None)
        return data
