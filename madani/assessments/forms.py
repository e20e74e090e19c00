from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Activity

from .models import Kind, Questionnaire
from .xlsform import read_xlsform, web_entry_problems

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class QuestionnaireUploadForm(forms.ModelForm):
    xlsform = forms.FileField(label=_("XLSForm file"), help_text=_("An .xlsx or .xls file in XLSForm format."))
    media = MultipleFileField(label=_("Media and data files"), required=False,
                              help_text=_("The images, audio and video files the form's image, audio and video "
                                          "columns name (e.g. logo.png), and the files it reads choices or data "
                                          "from (select_one_from_file, pulldata: e.g. villages.csv, in UTF-8)."))

    class Meta:
        model = Questionnaire
        fields = ["title_ar", "title_en", "kind", "activity", "branch"]
        labels = {"title_ar": _("Title in Arabic"), "title_en": _("Title in English")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = None
        self.fields["title_ar"].required = False
        self.fields["title_ar"].help_text = _("Leave empty to use the form_title of the settings sheet.")
        self.fields["activity"].queryset = Activity.objects.visible_to(user).order_by("-start_date")
        self.fields["activity"].help_text = _("For pre- and post-tests only.")
        from madani.branches.models import Branch

        self.fields["branch"].queryset = Branch.objects.filter(pk__in=user.branch_ids()) if not user.is_superuser \
            else Branch.objects.all()
        self.fields["branch"].help_text = _("For surveys and other forms only: the branch whose staff fill it in ODK "
                                            "Collect.")

    def clean_xlsform(self):
        upload = self.cleaned_data["xlsform"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        data = upload.read()
        upload.seek(0)
        self.definition = read_xlsform(data, upload.name)
        return upload

    def clean(self):
        cleaned = super().clean()
        kind, activity, branch = cleaned.get("kind"), cleaned.get("activity"), cleaned.get("branch")
        if kind in (Kind.NEEDS, Kind.SURVEY) and activity:
            self.add_error("activity", _("Only pre- and post-tests belong to an activity."))
        if kind in (Kind.PRE_TEST, Kind.POST_TEST) and not activity:
            self.add_error("activity", _("Choose the training that this test belongs to."))
        if kind == Kind.SURVEY and not branch:
            self.add_error("branch", _("Choose the branch whose form this is."))
        if kind != Kind.SURVEY and branch:
            self.add_error("branch", _("Only surveys and other forms belong to a branch."))
        if self.definition is not None:
            from .services import media_check

            for problem in media_check(self.definition, cleaned.get("media") or []):
                self.add_error("media", problem)
        if kind != Kind.SURVEY and self.definition is not None and "xlsform" not in self.errors:
            problems = web_entry_problems(self.definition)  # needs assessments and tests are filled on the web
            if problems:
                self.add_error("xlsform", problems)
        return cleaned


class MediaForm(forms.Form):
    """Files for a form already uploaded: a file of the same name replaces the one it has."""

    media = MultipleFileField(label=_("Media and data files"),
                              help_text=_("A file of the same name replaces the form's own."))


class EnrolForm(forms.Form):
    activity = forms.ModelChoiceField(queryset=Activity.objects.none(), label=_("Activity"))

    def __init__(self, *args, user, organization, **kwargs):
        from .reports import activities_open_to

        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities_open_to(organization, user)
