import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AppealStatus, FlagReason, SanctionKind, WordAction
from .services import MAX_BODY_CHARS

BODY_HELP = _("Markdown: **bold**, *italic*, lists, [links](https://…). No HTML.")


def _body_field(label=_("Text")):
    return forms.CharField(label=label, max_length=MAX_BODY_CHARS, help_text=BODY_HELP,
                           widget=forms.Textarea(attrs={"rows": 6, "dir": "auto", "class": "form-control"}))


class TokenForm(forms.Form):
    """A posting form carries a one-time token: the same form sent twice makes one post."""

    token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("token", uuid.uuid4())
        super().__init__(*args, **kwargs)


class ThreadForm(TokenForm):
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200, widget=forms.TextInput(attrs={"dir": "auto"}))
    body = _body_field()

    field_order = ["category", "title", "body", "token"]

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = forum.categories.all()


class ReplyForm(TokenForm):
    body = _body_field(_("Your reply"))

    field_order = ["body", "token"]


class FlagForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong with this post?"), choices=FlagReason.choices,
                               widget=forms.RadioSelect)
    note = forms.CharField(label=_("Anything the moderators should know (optional)"), max_length=500,
                           required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EditForm(forms.Form):
    body = _body_field()
    reason = forms.CharField(label=_("Reason for the edit (shown under the post)"), max_length=300)


class MoveForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Move to"), queryset=None, empty_label=None)
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = forum.categories.all()


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=SanctionKind.choices, widget=forms.RadioSelect)
    days = forms.IntegerField(label=_("For how many days"), min_value=1, max_value=365, initial=7)
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class WatchedWordForm(forms.Form):
    word = forms.CharField(label=_("Word or phrase"), max_length=100,
                           help_text=_("Matched however it is written: alef forms, ة/ه, ى/ي, tatweel, diacritics "
                                       "and Eastern Arabic digits do not matter."))
    action = forms.ChoiceField(label=_("What to do with a post that holds it"), choices=WordAction.choices)


class AppealForm(forms.Form):
    text = forms.CharField(label=_("Why should the decision be reversed?"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))


class DecideForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        (AppealStatus.UPHELD, AppealStatus.UPHELD.label), (AppealStatus.REJECTED, AppealStatus.REJECTED.label)])
    note = forms.CharField(label=_("Answer to the author"), max_length=500, required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the forum"), max_length=100, required=False)
