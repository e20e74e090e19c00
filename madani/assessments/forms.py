import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Activity
from madani.core.arabic import western_digits
from madani.core.forms import DateInput

from .engine import clean_answers
from .models import Kind, Questionnaire
from .xlsform import read_xlsform, text_in, web_entry_problems

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class QuestionnaireUploadForm(forms.ModelForm):
    xlsform = forms.FileField(label=_("XLSForm file"), help_text=_("An .xlsx or .xls file in XLSForm format."))

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
        if kind != Kind.SURVEY and self.definition is not None and "xlsform" not in self.errors:
            problems = web_entry_problems(self.definition)  # needs assessments and tests are filled on the web
            if problems:
                self.add_error("xlsform", problems)
        return cleaned


class ResponseForm(forms.Form):
    """The web form of a questionnaire, in the current language. Field names are ``q_<name>``."""

    response_date = forms.DateField(label=_("Date of the assessment"), widget=DateInput())

    def __init__(self, *args, definition: dict, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("response_date", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.language = (get_language() or "ar")[:2]
        self.answers = {}
        self._walk_add(definition.get("children", []))
        if self.is_bound:  # Eastern Arabic digits typed in numbers and dates are read on arrival
            data = self.data.copy()
            for name, field in self.fields.items():
                if isinstance(field, forms.IntegerField | forms.DecimalField | forms.DateField) and name in data:
                    data.setlist(name, [western_digits(value) for value in data.getlist(name)])
            self.data = data

    def _walk_add(self, children):
        for item in children:
            if item["type"] == "group":
                self._walk_add(item["children"])
            elif item["type"] != "note":
                self.fields[f"q_{item['name']}"] = self._field(item)

    def _field(self, item):
        label = text_in(item.get("label"), self.language) or item["name"]
        # Text from the uploaded form is text: crispy (and Django's own field template) print help_text
        # with |safe, so the hint is escaped here; labels and choice labels are escaped by the templates.
        hint = escape(text_in(item.get("hint"), self.language))
        common = {"label": label, "help_text": hint, "required": False}
        kind = item["type"]
        if kind == "integer":
            field = forms.IntegerField(**common)
        elif kind == "decimal":
            field = forms.DecimalField(**common)
        elif kind == "date":
            field = forms.DateField(widget=DateInput(), **common)
        elif kind in {"select_one", "select_multiple"}:
            choices = [(c["name"], text_in(c["label"], self.language) or c["name"]) for c in item["choices"]]
            if kind == "select_one":
                field = forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
            else:
                field = forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
        else:
            field = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), **common)
        if item.get("required"):  # required is checked on submit, with relevance; the label shows it
            field.widget.attrs["aria-required"] = "true"
            field.label = f"{label} *"
        return field

    @staticmethod
    def _json(value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        if hasattr(value, "as_tuple"):  # Decimal
            return float(value)
        if isinstance(value, str):
            return value.strip() or None
        if isinstance(value, list):
            return value or None
        return value

    def clean(self):
        cleaned = super().clean()
        raw = {}
        for name in self.fields:
            if name.startswith("q_"):
                raw[name[2:]] = self._json(cleaned.get(name))
        self.answers, errors = clean_answers(self.definition, raw, self.language)
        for name, message in errors.items():
            if f"q_{name}" not in self.errors:
                self.add_error(f"q_{name}", message)
        return cleaned

    def layout(self):
        """The tree the template renders: groups (with their relevance) around notes and fields."""
        def walk(children):
            nodes = []
            for item in children:
                node = {"name": item["name"], "relevant": item.get("relevant", ""), "type": item["type"],
                        "label": text_in(item.get("label"), self.language)}
                if item["type"] == "group":
                    node["children"] = walk(item["children"])
                elif item["type"] != "note":
                    node["field"] = self[f"q_{item['name']}"]
                    node["select_multiple"] = item["type"] == "select_multiple"
                else:
                    node["hint"] = text_in(item.get("hint"), self.language)
                nodes.append(node)
            return nodes
        return walk(self.definition.get("children", []))


class EnrolForm(forms.Form):
    activity = forms.ModelChoiceField(queryset=Activity.objects.none(), label=_("Activity"))

    def __init__(self, *args, user, organization, **kwargs):
        from .reports import activities_open_to

        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities_open_to(organization, user)
