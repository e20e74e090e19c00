import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from madani.core import ages
from madani.core.arabic import normalize, normalized_expression, search_terms
from madani.core.querysets import RestrictedQuerySet


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Displacement(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    IDP = "idp", _("Internally displaced (IDP)")
    RETURNEE = "returnee", _("Returnee")


# Age groups: the one set of bands, MADANI_AGE_BANDS (madani/core/ages.py), as everywhere else.
age_group_for = ages.age_group_for
EARLIEST_BIRTH_YEAR = 1920


def latest_birth_year() -> int:
    """Participants are at least ten years old."""
    return datetime.date.today().year - 10


def validate_birth_year(value):
    if value is not None and not EARLIEST_BIRTH_YEAR <= value <= latest_birth_year():
        raise ValidationError(
            _("Birth year must be between %(first)s and %(last)s."),
            code="birth_year",
            params={"first": EARLIEST_BIRTH_YEAR, "last": latest_birth_year()},
        )


class PersonQuerySet(RestrictedQuerySet):
    # People a user may see: registered in their branches (all for administrators); trainers only the
    # people of the activities they facilitate (need-to-know); CSO members the people currently
    # affiliated with their organization.
    def for_trainer(self, user):
        return self.of_activities_facilitated_by(user)

    def for_branch_staff(self, user):
        return self.filter(branch_id__in=user.branch_ids())

    def for_cso_member(self, user):
        if not user.organization_id:
            return self.none()
        return self.filter(
            affiliations__organization_id=user.organization_id, affiliations__end_date__isnull=True
        ).distinct()

    def of_activities_facilitated_by(self, user):
        """A trainer's people: those enrolled in or present at the activities the trainer facilitates (the
        whole activity or one of its sessions), their facilitators, and the trainer's own record."""
        from madani.activities.models import Activity, Attendance, Participation, Session

        if not user.person_id:
            return self.none()
        mine = Activity.objects.visible_to(user).order_by().values("pk")
        return self.filter(
            models.Q(pk=user.person_id)
            | models.Q(pk__in=Participation.objects.filter(activity__in=mine).values("person_id"))
            | models.Q(pk__in=Attendance.objects.filter(session__activity__in=mine).values("person_id"))
            | models.Q(pk__in=Activity.facilitators.through.objects.filter(activity__in=mine).values("person_id"))
            | models.Q(pk__in=Session.objects.filter(activity__in=mine, facilitator__isnull=False)
                       .values("facilitator_id"))
        )

    def search(self, text: str):
        qs = self
        for word in search_terms(text):
            qs = qs.filter(name_key__contains=word)
        return qs

    def likely_duplicates_of(self, *, full_name: str, birth_year: int | None, home_place_id: int | None,
                             phone: str = ""):
        """The registry's one duplicate rule (DESIGN.md §2): the same normalized name, and either the same
        birth year and home place or the same phone. Registration, walk-ins, imports, the API and the
        queue of likely duplicates (``duplicate_pairs``) all ask it."""
        same = models.Q(birth_year=birth_year, home_place_id=home_place_id)
        if phone := (phone or "").strip():
            same |= models.Q(phone=phone)
        return self.filter(same, name_key=normalize(full_name))

    def duplicate_pairs(self, *, limit: int = 200) -> list[tuple["Person", "Person"]]:
        """Pairs of people in this QuerySet that ``likely_duplicates_of`` matches, lower id first, without
        the pairs staff marked as different people (``DistinctPair``); at most ``limit`` pairs."""
        shared = (self.order_by().values("name_key").annotate(n=models.Count("pk")).filter(n__gt=1)
                  .values("name_key"))
        people = list(self.filter(name_key__in=shared).select_related("home_place", "branch").order_by("name_key", "pk"))
        dismissed = set(DistinctPair.objects.filter(first_id__in=[p.pk for p in people])
                        .values_list("first_id", "second_id"))
        by_pk = {p.pk: p for p in people}
        pairs = []
        for person in people:
            matches = self.filter(pk__gt=person.pk).likely_duplicates_of(
                full_name=person.full_name, birth_year=person.birth_year, home_place_id=person.home_place_id,
                phone=person.phone)
            for other_pk in matches.values_list("pk", flat=True).order_by("pk"):
                if (person.pk, other_pk) not in dismissed and other_pk in by_pk:
                    pairs.append((person, by_pk[other_pk]))
                    if len(pairs) >= limit:
                        return pairs
        return pairs


class Person(models.Model):
    """Anyone who takes part: trainee, CSO staff, trainer, activist, observer."""

    full_name = models.CharField(_("full name"), max_length=200)
    name_latin = models.CharField(_("name in Latin letters"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"),
        null=True,
        blank=True,
        validators=[validate_birth_year],
    )
    disability = models.BooleanField(_("has a disability"), default=False)
    displacement = models.CharField(
        _("displacement status"), max_length=10, choices=Displacement.choices, default=Displacement.RESIDENT
    )
    home_place = models.ForeignKey(
        "places.Place", verbose_name=_("home place"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    branch = models.ForeignKey(
        "branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT, related_name="people"
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    consent_date = models.DateField(
        _("consent date"), null=True, blank=True, help_text=_("When the person agreed that their data is recorded.")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    name_key = models.GeneratedField(
        expression=normalized_expression(models.F("full_name")),
        output_field=models.CharField(max_length=200),
        db_persist=True,
    )
    organizations = models.ManyToManyField(
        "organizations.Organization", through="Affiliation", related_name="people", blank=True
    )

    history = HistoricalRecords(excluded_fields=["name_key", "updated_at"])
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name"]
        indexes = [models.Index(fields=["name_key", "birth_year"]), models.Index(fields=["branch", "gender"])]

    def __str__(self):
        return self.full_name

    @property
    def age_group(self):
        return age_group_for(self.birth_year)


class Affiliation(models.Model):
    """A person's role in an organization, with dates."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="affiliations",
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="affiliation_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.organization}"


class MergeRecord(models.Model):
    """One merge, kept with the surviving record: who merged what, and every value of the removed record
    that was not kept (nothing is dropped silently)."""

    kept = models.ForeignKey(Person, verbose_name=_("kept record"), on_delete=models.CASCADE, related_name="merges")
    removed_id = models.PositiveIntegerField(_("removed record"))
    removed_name = models.CharField(_("removed record's name"), max_length=200)
    discarded = models.JSONField(_("values not kept"), default=dict, blank=True)
    merged_by = models.ForeignKey("accounts.User", verbose_name=_("merged by"), on_delete=models.SET_NULL,
                                  null=True, related_name="+")
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at", "-pk"]

    def __str__(self):
        return f"#{self.removed_id} → #{self.kept_id}"

    def discarded_items(self, *, show_contacts: bool) -> list[tuple[str, str]]:
        """(field label, value not kept), choices by their label; contacts only for who may see them."""
        items = []
        for name, value in self.discarded.items():
            if name in ("phone", "email") and not show_contacts:
                continue
            try:
                field = Person._meta.get_field(name)
            except Exception:  # a field removed since the merge: show its name
                items.append((name, str(value)))
                continue
            shown = dict(field.choices).get(value, value) if field.choices else value
            items.append((str(field.verbose_name), str(shown)))
        return items


class DistinctPair(models.Model):
    """Two records staff checked and found to be different people: the queue of likely duplicates no
    longer offers them. ``first`` has the lower id."""

    first = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("different people")
        verbose_name_plural = _("different people")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="distinct_pair_once"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="distinct_pair_ordered"),
        ]
