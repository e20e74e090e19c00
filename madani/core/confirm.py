"""The confirm-then-act page: one view helper, one template (``core/confirm.html``), two forms.

Every "are you sure?" page of Madani (delete, cancel, revoke, withdraw, decline, close, no-show,
remove…) is one call of :func:`confirm_action` from a thin view that has already fetched the object
for the user (404 for another branch's) and checked the user may act::

    @login_required
    def session_delete(request, pk, session_pk):
        session = _get_session(request, pk, session_pk)
        require(can_record_activities(request.user))
        return confirm_action(
            request, title=_("Delete session"), question=..., button=_("Delete"),
            action=lambda form: services.session_delete(actor=request.user, session=session),
            done_message=_("The session was deleted."), done_url=..., back_url=...)

GET shows the question and the form; a valid POST calls ``action(form)`` once and redirects. An action
that cannot happen (a ``ValidationError`` or a ``ProtectedError`` — say a second POST of the same form,
once the booking is already cancelled) is never a server error: its message is shown and the user is
sent to ``back_url`` (or, with ``errors_on_form=True``, the form is shown again with the message). Pass
``done=<text>`` when the thing is already done: the page then says so and a POST does nothing.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

TEMPLATE = "core/confirm.html"


class ConfirmForm(forms.Form):
    """A tick box that must be ticked: the user says yes on purpose."""

    confirm = forms.BooleanField(label=_("Yes"), required=True)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["confirm"].label = label


class ReasonForm(forms.Form):
    """The user gives a reason (required unless ``required=False``), kept with the change."""

    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)

    def __init__(self, *args, label=None, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = required
        if label:
            field.label = label


class NoForm(forms.Form):
    """No field: pressing the button is the confirmation."""


def _error_text(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def confirm_action(request, *, title, action, done_url, back_url, button, question=None, heading=None,
                   details=(), form=None, button_class="btn-danger", done_message=None, protected_message=None,
                   done=None, errors_on_form=False, template=TEMPLATE, extra_context=None):
    """Ask, then act once. ``action(form)`` does the work through a service; see the module docstring.

    ``question``: the sentence that says what will happen; ``details``: more lines shown under it;
    ``form``: a form class or a callable ``(data) -> form`` (default :class:`ConfirmForm`; ``NoForm`` for none);
    ``protected_message``: shown when the action raises ``ProtectedError`` (other records depend on it);
    ``done_message`` and ``done_url`` may be functions of what ``action`` returned.
    """
    make_form = form or ConfirmForm
    bound = make_form(request.POST) if request.method == "POST" else make_form(None)
    if request.method == "POST":
        if done is not None:  # nothing left to do: say why, act on nothing
            messages.info(request, done)
            return redirect(back_url)
        if bound.is_valid():
            try:
                result = action(bound)
            except (ValidationError, ProtectedError) as error:
                protected = isinstance(error, ProtectedError) and protected_message
                text = protected_message if protected else _error_text(error)
                if not errors_on_form:
                    messages.error(request, text)
                    return redirect(back_url)
                bound.add_error(None, text)
            else:
                if done_message:
                    messages.success(request, done_message(result) if callable(done_message) else done_message)
                return redirect(done_url(result) if callable(done_url) else done_url)
    context = {
        "title": title, "heading": heading or title, "question": question, "details": details,
        "form": bound, "button": button, "button_class": button_class, "back_url": back_url, "done": done,
        **(extra_context or {}),
    }
    return render(request, template, context)
