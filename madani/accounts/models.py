from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    BRANCH_MANAGER = "branch_manager", _("Branch manager")
    ME_OFFICER = "me_officer", _("Program / M&E officer")
    TRAINER = "trainer", _("Trainer")
    CSO_MEMBER = "cso_member", _("CSO member")
    NETWORK_EDITOR = "network_editor", _("Network editor")
    FORUM_MODERATOR = "forum_moderator", _("Forum moderator")


# Center staff: work inside branches, must use two factors.
STAFF_ROLES = {Role.ADMINISTRATOR, Role.BRANCH_MANAGER, Role.ME_OFFICER, Role.TRAINER}
# Staff who may read people's phone numbers and email addresses.
CONTACT_ROLES = {Role.ADMINISTRATOR, Role.BRANCH_MANAGER, Role.ME_OFFICER}
# Staff who may add and change registry records (organizations, people) in their branches.
REGISTRY_EDITOR_ROLES = {Role.ADMINISTRATOR, Role.BRANCH_MANAGER, Role.ME_OFFICER}
# Staff who may merge duplicate people.
MERGE_ROLES = {Role.ADMINISTRATOR, Role.BRANCH_MANAGER}


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in: identified by email, with one role and the branches they work in."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CSO_MEMBER)
    branches = models.ManyToManyField(
        "branches.Branch", verbose_name=_("branches"), blank=True, related_name="staff"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        help_text=_("For CSO members, network editors and forum moderators: the organization they belong to."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="users",
    )
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person record"),
        help_text=_("For trainers: the person record that appears as facilitator on activities."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def spans_all_branches(self) -> bool:
        return self.is_superuser or self.role == Role.ADMINISTRATOR

    @property
    def is_center_staff(self) -> bool:
        return self.is_active and (self.is_superuser or self.role in STAFF_ROLES)

    @property
    def is_trainer(self) -> bool:
        """Trainers see and mark only the activities they facilitate."""
        return self.role == Role.TRAINER and not self.is_superuser

    @property
    def can_record_activities(self) -> bool:
        return self.is_superuser or self.role in REGISTRY_EDITOR_ROLES

    @property
    def can_manage_programs(self) -> bool:
        """Programs are center-wide: administrators create and change them."""
        return self.spans_all_branches

    @property
    def can_see_contacts(self) -> bool:
        return self.is_superuser or self.role in CONTACT_ROLES

    @property
    def can_edit_registry(self) -> bool:
        return self.is_superuser or self.role in REGISTRY_EDITOR_ROLES

    @property
    def can_merge_people(self) -> bool:
        return self.is_superuser or self.role in MERGE_ROLES

    def branch_ids(self) -> list[int]:
        """The branches this user's records may belong to (cached per user object)."""
        if not hasattr(self, "_branch_ids"):
            self._branch_ids = list(self.branches.values_list("pk", flat=True))
        return self._branch_ids

    def needs_two_factor_setup(self) -> bool:
        if not self.is_center_staff:
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(user=self, type=Authenticator.Type.TOTP).exists()


class ApiToken(models.Model):
    """A key a user made on their profile page for scripts and other tools (``Authorization: Token <key>``).
    Only its SHA-256 is kept: the key is shown once, when it is made. Revoking deletes it."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, help_text=_("What the token is for (a script, a tool)."))
    digest = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("starts with"), max_length=8, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
