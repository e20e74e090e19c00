"""Assessments (DESIGN.md §2): questionnaires authored as XLSForms, their responses, capacity scores.

A needs assessment is answered for an organization; a pre- or post-test of a training is answered
for one participant (a Participation of the questionnaire's activity). Both arrive as the
submission XML of ODK's engine (``submissions.py``); scores are computed when a response is saved
(``engine.score_answers``) and stored with it, so that a baseline keeps its figures.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from madani.activities.models import Activity, Participation
from madani.core.querysets import RestrictedQuerySet
from madani.organizations.models import Organization

from .domains import domain_label


class Kind(models.TextChoices):
    NEEDS = "needs", _("Needs assessment")
    PRE_TEST = "pre_test", _("Pre-test")
    POST_TEST = "post_test", _("Post-test")
    SURVEY = "survey", _("Survey or other form")


TEST_KINDS = {Kind.PRE_TEST, Kind.POST_TEST}


class QuestionnaireQuerySet(RestrictedQuerySet):
    # Needs assessments are center-wide: every staff member and CSO member may see them.
    # Pre- and post-tests belong to their activity, and are seen by whoever sees it (not CSO members).
    # Surveys and other forms a center designs belong to a branch (filled in ODK Collect through /openrosa/).
    def for_branch_staff(self, user):
        return self.filter(models.Q(kind=Kind.NEEDS) | models.Q(activity__in=Activity.objects.visible_to(user))
                           | models.Q(kind=Kind.SURVEY, branch_id__in=user.branch_ids()))

    for_trainer = for_branch_staff

    def for_cso_member(self, user):
        return self.filter(kind=Kind.NEEDS) if user.organization_id else self.none()

    def needs(self):
        return self.filter(kind=Kind.NEEDS)

    def active(self):
        return self.filter(is_active=True)


class Questionnaire(models.Model):
    """A form uploaded as an XLSForm; ``definition`` is what xlsform.read_xlsform made of it."""

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.NEEDS)
    version = models.CharField(_("version"), max_length=40, blank=True)
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, null=True, blank=True,
        related_name="questionnaires", help_text=_("For pre- and post-tests: the training they test."),
    )
    branch = models.ForeignKey("branches.Branch", verbose_name=_("branch"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+", help_text=_("For surveys and other forms: whose form it is."))
    definition = models.JSONField(_("form definition"), default=dict)
    source_file = models.FileField(_("XLSForm file"), upload_to="questionnaires/%Y/", blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="needs", activity__isnull=True, branch__isnull=True)
                | models.Q(kind__in=["pre_test", "post_test"], activity__isnull=False, branch__isnull=True)
                | models.Q(kind="survey", activity__isnull=True, branch__isnull=False),
                name="tests_have_an_activity_surveys_a_branch",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.version})" if self.version else self.title

    @property
    def is_test(self) -> bool:
        return self.kind in TEST_KINDS

    @property
    def is_survey(self) -> bool:
        return self.kind == Kind.SURVEY

    def domains(self) -> list[str]:
        from .xlsform import iter_questions

        seen = []
        for question, _groups in iter_questions(self.definition):
            if question.get("domain") and question["domain"] not in seen:
                seen.append(question["domain"])
        return seen


class FormMedia(models.Model):
    """A file a form's XLSForm names — a media file of its ``image``/``audio``/``video`` columns
    (``jr://images/logo.png``) or a data file it reads (``select_one_from_file villages.csv``, ``pulldata``:
    CSV, XML, GeoJSON) — uploaded with it, served to ODK Collect through the form's manifest (md5 and
    download address) and, for data files, handed to ODK's engine by the web form."""

    questionnaire = models.ForeignKey(Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE,
                                      related_name="media_files")
    name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(_("file"), upload_to="questionnaires/media/%Y/")
    md5 = models.CharField(max_length=32)
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("form media file")
        verbose_name_plural = _("form media files")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "name"], name="one_media_file_per_name")]

    def __str__(self):
        return self.name


class ResponseQuerySet(RestrictedQuerySet):
    def _through_what_they_see(self, user):
        """Needs assessments through their organization (CSO members: their own organization's);
        tests through the participation (its activity's visibility)."""
        return self.filter(
            models.Q(organization__in=Organization.objects.visible_to(user))
            | models.Q(participation__in=Participation.objects.visible_to(user))
        )

    for_trainer = for_branch_staff = for_cso_member = _through_what_they_see

    def needs(self):
        return self.filter(questionnaire__kind=Kind.NEEDS)


class Response(models.Model):
    """One filled questionnaire: for an organization (needs assessment) or a participant (tests)."""

    questionnaire = models.ForeignKey(Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT,
                                      related_name="responses")
    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                     null=True, blank=True, related_name="assessment_responses")
    participation = models.ForeignKey(Participation, verbose_name=_("participant"), on_delete=models.CASCADE,
                                      null=True, blank=True, related_name="test_responses")
    date = models.DateField(_("date"))
    answers = models.JSONField(_("answers"), default=dict)
    score = models.FloatField(_("score (%)"), null=True, blank=True)
    domain_scores = models.JSONField(_("scores by domain (%)"), default=dict)
    # The submission ODK's engine wrote (the web form, ODK Collect): its meta/instanceID makes a resend
    # harmless. Responses recorded before the engine filled these forms have none.
    instance_id = models.CharField(_("instance ID"), max_length=255, unique=True, null=True, blank=True)
    xml = models.TextField(_("submission XML"), blank=True)
    xml_sha256 = models.CharField(max_length=64, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"),
                                     on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["organization", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organization__isnull=False, participation__isnull=True)
                | models.Q(organization__isnull=True, participation__isnull=False),
                name="response_for_an_organization_or_a_participant",
            )
        ]

    def __str__(self):
        return f"{self.questionnaire} — {self.organization or self.participation} — {self.date:%Y-%m-%d}"

    def labelled_domain_scores(self):
        return [(domain_label(domain), value) for domain, value in self.domain_scores.items()]
