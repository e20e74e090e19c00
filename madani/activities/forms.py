from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import MaxValueValidator
from django.urls import reverse_lazy
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from madani.branches.models import Branch
from madani.core.concurrency import VersionedForm
from madani.core.forms import DateInput, DatesInOrder, TimeInput
from madani.core.templatetags.bidi import separator
from madani.core.uploads import validate_document
from madani.organizations.models import Organization
from madani.people.forms import PersonForm
from madani.people.models import Person
from madani.places.widgets import PlacePicker

from .models import ONE_ORGANIZATION_KINDS, Activity, Participation, Phase, Program, Session, Topic
from .widgets import PeoplePicker

class ActivityForm(VersionedForm, forms.ModelForm):
    session_per_day = forms.BooleanField(
        label=_("Create one session for each day"), required=False, initial=True,
        help_text=_("Each session gets the activity's place and first facilitator; change them afterwards."),
    )

    class Meta:
        model = Activity
        fields = [
            "kind", "title_ar", "title_en", "program", "phase", "branch", "place", "start_date", "end_date",
            "status", "open_for_registration", "registration_deadline", "topics", "facilitators", "target_organizations", "goals", "deliverable",
            "description_ar", "description_en",
        ]
        widgets = {
            "place": PlacePicker,
            "facilitators": PeoplePicker,
            # Choosing a program offers its phases only (htmx).
            "program": forms.Select(attrs={"hx-get": reverse_lazy("activities:phase_options"), "hx-trigger": "change",
                                           "hx-target": "#id_phase", "hx-swap": "innerHTML"}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "registration_deadline": DateInput(),
            "topics": forms.CheckboxSelectMultiple,
            "goals": forms.Textarea(attrs={"rows": 2}),
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"title_ar": _("Title in Arabic"), "title_en": _("Title in English")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["branch"].queryset = Branch.objects.visible_to(user)
        self.fields["program"].queryset = Program.objects.visible_to(user)
        self.fields["phase"].queryset = self._phases()
        self.fields["phase"].error_messages["invalid_choice"] = _("This phase belongs to another program.")
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["facilitators"].queryset = Person.objects.visible_to(user)
        self.fields["facilitators"].widget.queryset = Person.objects.visible_to(user)
        self.fields["facilitators"].help_text = _("Trainers are people in the registry.")
        self.fields["target_organizations"].queryset = Organization.objects.visible_to(user)
        if self.instance.pk:
            del self.fields["session_per_day"]

    def _phases(self):
        """The chosen program's phases (none before a program is chosen)."""
        program = self.data.get(self.add_prefix("program")) if self.is_bound else (
            self.initial.get("program") or self.instance.program_id)
        try:
            program = int(getattr(program, "pk", program))
        except (TypeError, ValueError):
            return Phase.objects.none()
        return Phase.objects.filter(program_id=program).select_related("program")

    def clean_deliverable(self):
        deliverable = self.cleaned_data.get("deliverable")
        if isinstance(deliverable, UploadedFile):  # a new upload, not the file already stored
            validate_document(deliverable)
        return deliverable

    def clean(self):
        cleaned = super().clean()
        organizations = cleaned.get("target_organizations")
        if cleaned.get("kind") in ONE_ORGANIZATION_KINDS and organizations is not None and len(organizations) != 1:
            self.add_error("target_organizations", _(
                "Coaching, consultations and technical support serve one organization at a time: choose exactly one."))
        try:
            Activity(program=cleaned.get("program"), branch=cleaned.get("branch")).check_program_branch()
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned  # titles, dates and phase: Activity.clean; completion: the service (activities/services.py)

    def activity_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("session_per_day", None)
        if data.get("deliverable") is None:
            data.pop("deliverable", None)
        return data


class SessionForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Session
        fields = ["date", "start_time", "end_time", "place", "facilitator", "topic", "outcome"]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "place": PlacePicker,
            "outcome": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = Person.objects.visible_to(user)

    def clean(self):
        cleaned = super().clean()  # the date inside the activity: checked by the service
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session must end after it starts."))
        return cleaned


class ParticipantForm(forms.Form):
    """Enrol an existing person of the registry."""

    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none(),
                                    error_messages={"invalid_choice": _("Choose a person from the registry.")})
    organization = forms.ModelChoiceField(label=_("Representing"), queryset=Organization.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.visible_to(user)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)


class EnrolManyForm(forms.Form):
    """Several people of the registry, ticked in the search results."""

    people = forms.ModelMultipleChoiceField(
        label=_("People"), queryset=Person.objects.none(),
        error_messages={"required": _("Tick the people to enrol."),
                        "invalid_choice": _("Choose people from the registry."),
                        "invalid_pk_value": _("Choose people from the registry.")})

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.visible_to(user)


class RuleForm(forms.Form):
    """The rule "completed: present at N sessions or more", previewed before anything is saved."""

    at_least = forms.IntegerField(label=_("Present at least at"), min_value=1)

    def __init__(self, *args, session_count, **kwargs):
        super().__init__(*args, **kwargs)
        most = max(session_count, 1)
        self.fields["at_least"].validators.append(MaxValueValidator(most))
        self.fields["at_least"].widget.attrs.update(min=1, max=most)
        self.fields["at_least"].initial = most


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = ["organization", "completed"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)


class WalkInForm(PersonForm):
    """A person who came without being enrolled: the registry's person form, short, on a phone."""

    organization = forms.ModelChoiceField(label=_("Representing"), queryset=Organization.objects.none(), required=False)

    class Meta(PersonForm.Meta):
        fields = ["full_name", "gender", "birth_year", "home_place", "phone"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["organization"].queryset = Organization.objects.visible_to(user)

    def person_data(self) -> dict:
        data = super().person_data()
        data.pop("organization", None)
        return data


class ProgramForm(VersionedForm, DatesInOrder, forms.ModelForm):
    class Meta:
        model = Program
        fields = ["code", "name_ar", "name_en", "donor", "branches", "start_date", "end_date",
                  "description_ar", "description_en"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "branches": forms.CheckboxSelectMultiple,
            "description_ar": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"name_ar": _("Name in Arabic"), "name_en": _("Name in English")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["donor"].queryset = Organization.objects.visible_to(user).filter(kind__in=["donor", "ingo"])
        self.fields["branches"].queryset = Branch.objects.visible_to(user)
        self.fields["branches"].help_text = _("Leave empty for a program that runs in every branch.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name_ar") and not cleaned.get("name_en"):
            self.add_error("name_ar", _("Give the program's name in Arabic or English."))
        return cleaned


class PhaseForm(DatesInOrder, forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["number", "name_ar", "name_en", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        labels = {"name_ar": _("Name in Arabic"), "name_en": _("Name in English")}


PhaseFormSet = forms.inlineformset_factory(Program, Phase, form=PhaseForm, extra=1, can_delete=True)


class ImportUploadForm(forms.Form):
    """The sheet to import: .xlsx or .csv, read at once so that a bad file is refused here."""

    sheet = forms.FileField(
        label=_("Sheet (Excel .xlsx or CSV)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_sheet(self):
        from .imports import MAX_UPLOAD_BYTES, read_sheet

        upload = self.cleaned_data["sheet"]
        if upload.size > MAX_UPLOAD_BYTES:
            megabytes = MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                _("The file is too large (at most %(megabytes)s MB).") % {"megabytes": megabytes}
            )
        self.parsed = read_sheet(upload.name, upload.read())  # raises ValidationError with the reason
        return upload


SAMPLE_ROWS = 200  # rows looked at for a column's example values


class ImportMappingForm(forms.Form):
    """One choice per column of the sheet: which field it feeds (or none). Two columns under the same
    header (a participant's and an enumerator's «الاسم») are two choices, told apart by their column
    letter and a few of their values."""

    def __init__(self, *args, headers, initial_mapping, rows=(), **kwargs):
        from openpyxl.utils import get_column_letter

        from .imports import FIELDS, column_keys, date_columns

        super().__init__(*args, **kwargs)
        choices = [("", _("— ignore this column —")), *FIELDS.items()]
        self.columns = []  # (field name, column key)
        self.repeated = []  # headers shared by several columns
        for i, (header, key) in enumerate(zip(headers, column_keys(headers), strict=True)):
            if key is None:
                continue
            name = f"column_{len(self.columns)}"
            samples = []
            for _number, *cells in rows[:SAMPLE_ROWS]:
                value = cells[i] if i < len(cells) else None
                if value not in (None, "") and str(value) not in samples:
                    samples.append(str(value)[:40])
                if len(samples) == 3:
                    break
            label = format_html("<bdi>{}</bdi>", header)  # "_id", "group/name": Latin runs in an Arabic page
            if "#" in key:  # the same header on several columns: its letter tells them apart
                label = format_html(_("{header} (column {letter})"), header=label, letter=get_column_letter(i + 1))
                if header not in self.repeated:
                    self.repeated.append(header)
            self.fields[name] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=initial_mapping.get(key, ""),
                # crispy prints help texts as HTML: the sheet's values are escaped here, each isolated
                help_text=format_html(_("For example: {values}"), values=format_html_join(
                    " · ", "<bdi>{}</bdi>", ((sample,) for sample in samples))) if samples else "")
            self.columns.append((name, key))
        self.dates = sorted(date_columns(headers).values())

    def clean(self):
        from .imports import FIELDS, REQUIRED_FIELDS

        cleaned = super().clean()
        chosen = [cleaned.get(name) for name, _key in self.columns if cleaned.get(name)]
        for field in sorted(set(chosen), key=chosen.index):
            if chosen.count(field) > 1:
                raise forms.ValidationError(
                    _("Only one column can be “%(field)s”.") % {"field": FIELDS[field]}
                )
        missing = [str(FIELDS[f]) for f in REQUIRED_FIELDS if f not in chosen]
        if missing:
            raise forms.ValidationError(
                _("Choose the columns holding: %(fields)s.") % {"fields": separator().join(missing)}
            )
        return cleaned

    def mapping(self) -> dict:
        return {key: self.cleaned_data.get(name) or "" for name, key in self.columns}
