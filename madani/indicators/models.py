"""Saved indicators and program logframes (DESIGN.md §2: "Program … with its logframe: outcomes,
outputs, indicators and targets"). The figures themselves are computed by ``engine.py``."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Program
from madani.core.querysets import RestrictedQuerySet

from .engine import MAX_DIMENSIONS, Dimension, IndicatorQuery, Metric, dimensions_for, period_bounds


class IndicatorQuerySet(RestrictedQuerySet):
    def for_branch_staff(self, user):
        """Center staff see the indicators of the programs they see, and those of no program."""
        return self.filter(models.Q(program__isnull=True) | models.Q(program__in=Program.objects.visible_to(user)))

    for_trainer = for_branch_staff


def _require_statement(entry):
    if not entry.statement_ar and not entry.statement_en:
        raise ValidationError({"statement_ar": _("Give the statement in Arabic or English.")})


class Outcome(models.Model):
    """A change the program wants to see ("local CSOs take part in public decision-making")."""

    program = models.ForeignKey(Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="outcomes")
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    statement = models.TextField(_("statement"))

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["program", "number", "pk"]

    def __str__(self):
        # "1 — …", not "1. …": a trailing full stop after a number moves to its left in Arabic (".1")
        return f"{self.number} — {self.statement}"

    def clean(self):
        _require_statement(self)


class Output(models.Model):
    """What the program delivers towards an outcome ("local CSOs trained in advocacy")."""

    outcome = models.ForeignKey(Outcome, verbose_name=_("outcome"), on_delete=models.CASCADE, related_name="outputs")
    number = models.PositiveSmallIntegerField(_("number"), default=1)
    statement = models.TextField(_("statement"))

    class Meta:
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        ordering = ["outcome", "number", "pk"]

    def __str__(self):
        return f"{self.outcome.number}.{self.number} — {self.statement}"  # not "1.1.", read ".1.1" in Arabic

    def clean(self):
        _require_statement(self)


class Indicator(models.Model):
    """A saved definition over the ledger: a metric, filters and up to two disaggregations. Attached
    to a program it counts that program's activities (unless other programs are chosen as filters)
    and may sit under one of its outcomes or outputs."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    metric = models.CharField(_("what is counted"), max_length=16, choices=Metric.choices)
    kinds = models.JSONField(_("activity kinds"), default=list, blank=True)
    statuses = models.JSONField(_("activity statuses"), default=list, blank=True)
    topics = models.ManyToManyField("activities.Topic", verbose_name=_("topics"), blank=True, related_name="+")
    programs = models.ManyToManyField(Program, verbose_name=_("programs"), blank=True, related_name="+")
    donors = models.ManyToManyField("organizations.Organization", verbose_name=_("donors"), blank=True,
                                    related_name="+")
    branches = models.ManyToManyField("branches.Branch", verbose_name=_("branches"), blank=True, related_name="+")
    place = models.ForeignKey("places.Place", verbose_name=_("place"), on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+")
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("until"), null=True, blank=True)
    organizations = models.ManyToManyField("organizations.Organization", verbose_name=_("organizations"),
                                           blank=True, related_name="+")
    disaggregations = models.JSONField(_("disaggregations"), default=list, blank=True)
    program = models.ForeignKey(Program, verbose_name=_("logframe of"), on_delete=models.CASCADE, null=True,
                                blank=True, related_name="indicators")
    outcome = models.ForeignKey(Outcome, verbose_name=_("outcome"), on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="indicators")
    output = models.ForeignKey(Output, verbose_name=_("output"), on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="indicators")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(outcome__isnull=True) | models.Q(output__isnull=True),
                                   name="indicator_under_outcome_or_output")
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def clean(self):
        """The rules the form, the service and the admin rely on, in the user's language. A program
        left empty is taken from the outcome or output."""
        errors = {}
        if not self.name_ar and not self.name_en:
            errors["name_ar"] = _("Give the indicator's name in Arabic or English.")
        if self.date_from and self.date_to and self.date_to < self.date_from:
            errors["date_to"] = _("The end date cannot be before the start date.")
        errors.update(disaggregation_errors(self.metric, self.disaggregations))
        if self.outcome_id and self.output_id:
            errors["output"] = _("Attach the indicator to an outcome or to an output, not both.")
        home = self.output.outcome.program_id if self.output_id else self.outcome.program_id if self.outcome_id else None
        if home and not self.program_id:
            self.program_id = home
        elif home and home != self.program_id:
            errors["output" if self.output_id else "outcome"] = _("This belongs to the logframe of another program.")
        if errors:
            raise ValidationError(errors)

    def query(self, **changes) -> IndicatorQuery:
        """The engine query of this definition; ``changes`` override fields (``by``, a period…)."""
        programs = [p.pk for p in self.programs.all()] or ([self.program_id] if self.program_id else [])
        query = IndicatorQuery(
            metric=self.metric, kinds=self.kinds, statuses=self.statuses, topics=self.topics.all(), programs=programs,
            donors=self.donors.all(), branches=self.branches.all(), place=self.place.pcode if self.place else "",
            date_from=self.date_from, date_to=self.date_to, organizations=self.organizations.all(),
            by=self.disaggregations,
        )
        return query.replace(**changes) if changes else query


def disaggregation_errors(metric: str, dimensions) -> dict:
    """Translated errors of a choice of disaggregations for a metric ({} when it is valid)."""
    if len(dimensions) > MAX_DIMENSIONS:
        return {"disaggregations": _("Choose at most two disaggregations.")}
    invalid = [d for d in dimensions if d not in dimensions_for(metric)] if metric in Metric.values else []
    if invalid:
        return {"disaggregations": _("A count of “%(metric)s” cannot be disaggregated by “%(dimension)s”: only "
                                     "figures about people are split by gender, age, displacement or disability.")
                % {"metric": Metric(metric).label, "dimension": Dimension(invalid[0]).label}}
    return {}


class PeriodValue(models.Model):
    """A value of an indicator for a year or one of its quarters."""

    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE,
                                  related_name="%(class)ss")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Leave empty for the whole year."),
    )
    value = models.PositiveIntegerField(_("value"))

    class Meta:
        abstract = True
        ordering = ["indicator", "year", models.F("quarter").asc(nulls_first=True)]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], condition=models.Q(quarter__isnull=True),
                                    name="%(class)s_one_per_year"),
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="%(class)s_one_per_quarter"),
        ]

    def __str__(self):
        return f"{self.period_label}: {self.value}"

    @property
    def period_label(self) -> str:
        if self.quarter:
            return _("%(year)s Q%(quarter)s") % {"year": self.year, "quarter": self.quarter}
        return str(self.year)

    def bounds(self):
        return period_bounds(self.year, self.quarter)


class Baseline(PeriodValue):
    class Meta(PeriodValue.Meta):
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")


class Target(PeriodValue):
    class Meta(PeriodValue.Meta):
        verbose_name = _("target")
        verbose_name_plural = _("targets")
