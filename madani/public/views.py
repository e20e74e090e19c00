from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from madani.accounts.portal import registration_initial
from madani.activities.models import Activity
from madani.core.permissions import require
from madani.core.public_forms import public_form
from madani.dashboard.public import headline_figures
from madani.news.selectors import latest_posts

from . import services
from .forms import AcceptForm, BranchContactFormSet, CenterProfileForm, RegistrationForm
from .models import CenterProfile, Registration, RegistrationStatus
from .permissions import can_edit_center_profile
from .robots import robots_lines

# How many open trainings the home page shows (the rest are on the trainings page).
HOME_TRAININGS = 4

# The center's own services (seeds 003 and 004): title, short text, and the public page to go to.
SERVICES = [
    (gettext_lazy("Trainings and workshops"),
     gettext_lazy("Courses all year round for organizations, initiatives and individuals: strategic planning, "
                  "project management, monitoring and evaluation, finance, human resources, advocacy."),
     "public:trainings", gettext_lazy("Register for a training")),
    (gettext_lazy("Coaching"),
     gettext_lazy("Several days of accompaniment for one organization at a time, until it has written its "
                  "strategic plan or its policies."),
     "consultations:request_consultation", gettext_lazy("Ask for coaching")),
    (gettext_lazy("Consultations and technical support"),
     gettext_lazy("The center's experts answer an organization's practical questions, case by case."),
     "consultations:request_consultation", gettext_lazy("Request a consultation")),
    (gettext_lazy("Small grants"),
     gettext_lazy("Small grants let the organizations the center incubates carry out community projects: "
                  "water, electricity, parks, psychosocial support."), None, None),
    (gettext_lazy("Networks"),
     gettext_lazy("Meetings and networks that bring organizations together with each other, with local "
                  "administration and with donors."), None, None),
    (gettext_lazy("Co-working space"),
     gettext_lazy("Rooms for meetings and work, an internet connection and printing for local organizations."),
     None, None),
    (gettext_lazy("Civic-knowledge library"),
     gettext_lazy("References, studies and audio-visual resources on civil society, adapted to the local context."),
     "library:list", gettext_lazy("Open the library")),
    (gettext_lazy("Election monitoring"),
     gettext_lazy("Encouraging people to take part in local elections, and observing polling and counting."),
     None, None),
]


def _open_trainings():
    return (Activity.objects.registration_open().select_related("branch", "place__parent__parent")
            .prefetch_related("topics").order_by("start_date", "pk"))


def home(request):
    """The public front door: who the center is, its services, open trainings, how to reach it."""
    profile = CenterProfile.current()
    trainings = list(_open_trainings()[:HOME_TRAININGS + 1])
    context = {
        "profile": profile,
        "branch_contacts": profile.branch_contacts.select_related("branch"),
        "trainings": trainings[:HOME_TRAININGS],
        "more_trainings": len(trainings) > HOME_TRAININGS,
        "services": SERVICES,
        "figures": headline_figures(),
        "latest_posts": latest_posts(get_language(), limit=3),
    }
    return render(request, "public/home.html", context)


def trainings(request):
    """Every planned training and workshop open for registration."""
    return render(request, "public/trainings.html", {"trainings": _open_trainings()})


@public_form(group="public-registration", rate="MADANI_PUBLIC_FORM_RATE",
             honeypot_redirect="public:register_thanks")
def register(request, pk):
    """Register for an open training: no login, rate-limited per IP, a honeypot against robots,
    and nothing about the registrant shown back."""
    activity = get_object_or_404(_open_trainings(), pk=pk)
    form = RegistrationForm(request.POST or None, initial=registration_initial(request.user))  # a member: pre-filled
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_submit(activity=activity, data=form.registration_data())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("public:register_thanks")
    return render(request, "public/register.html", {"form": form, "activity": activity})


def register_thanks(request):
    return render(request, "public/register_thanks.html")


def _get_registration_for_user(user, pk) -> Registration:
    return get_object_or_404(
        Registration.objects.visible_to(user).select_related("activity", "home_place__parent__parent"), pk=pk
    )


def _back_to_activity(registration):
    return redirect("activities:detail", pk=registration.activity_id)


@login_required
def registration_accept(request, pk):
    """Staff accept a registration: they say who it is in the registry (a likely duplicate, or a new
    person), and the person is enrolled in the activity."""
    registration = _get_registration_for_user(request.user, pk)
    if registration.status != RegistrationStatus.PENDING:
        messages.info(request, _("This registration was already decided."))
        return _back_to_activity(registration)
    duplicates = list(services.likely_duplicates(actor=request.user, registration=registration)
                      .select_related("home_place")[:10])
    form = AcceptForm(request.POST or None, user=request.user, registration=registration, duplicates=duplicates)
    if request.method == "POST" and form.is_valid():
        try:
            services.registration_accept(actor=request.user, registration=registration, **form.accept_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(person)s was enrolled.") % {"person": registration.full_name})
            return _back_to_activity(registration)
    return render(request, "public/registration_accept.html",
                  {"form": form, "registration": registration, "duplicates": duplicates})


@login_required
def registration_reject(request, pk):
    registration = _get_registration_for_user(request.user, pk)
    if request.method == "POST":
        try:
            services.registration_reject(actor=request.user, registration=registration)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The registration was rejected."))
        return _back_to_activity(registration)
    return render(request, "public/registration_reject.html", {"registration": registration})


@login_required
def profile_edit(request):
    """Administrators edit what the public sees of the center (also in the admin)."""
    require(can_edit_center_profile(request.user))
    profile = CenterProfile.current()
    form = CenterProfileForm(request.POST or None, instance=profile)
    contacts = BranchContactFormSet(request.POST or None, instance=profile, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            services.profile_save(actor=request.user, profile=profile, data=form.cleaned_data,
                                  branch_contacts=contacts)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The center's profile was saved."))
            return redirect("public:home")
    return render(request, "public/profile_form.html", {"form": form, "contacts": contacts})


def robots_txt(request):
    """Search engines: the public pages the apps declare and the sitemap, nothing else (public/robots.py)."""
    lines = robots_lines(request.build_absolute_uri(reverse("sitemap")))
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
