"""People on the platform: a custom user with a role and a home centre."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    SPECIALIST = "specialist", _("Newcomer specialist")
    COORDINATOR = "coordinator", _("Federal coordinator")


# Wagtail group of each role; created by a data migration, kept in sync on save.
ROLE_GROUPS = {
    Role.CASEWORKER: "Caseworkers",
    Role.SPECIALIST: "Specialists",
    Role.COORDINATOR: "Coordinators",
}


class FormOfAddress(models.TextChoices):
    """How a member wants to be addressed; German and French role titles follow it."""

    NEUTRAL = "", _("Not stated (neutral titles)")
    FEMININE = "f", _("Ms")
    MASCULINE = "m", _("Mr")


class ApprovalStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PENDING = "pending", _("Waiting for approval")
    REJECTED = "rejected", _("Rejected")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
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
        extra_fields.setdefault("role", Role.COORDINATOR)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member of the platform, logging in by e-mail address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.CASEWORKER
    )
    home_centre = models.ForeignKey(
        "specialists.Centre",
        verbose_name=_("home centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="",
        blank=True,
        help_text=_("The language of the site and of the e-mails you receive."),
    )
    approval_status = models.CharField(
        _("approval"),
        max_length=10,
        choices=ApprovalStatus.choices,
        default=ApprovalStatus.APPROVED,
    )
    approval_note = models.TextField(
        _("reason given"),
        blank=True,
        help_text=_("Why the sign-up was rejected; sent to the person."),
    )
    approval_decided_by = models.ForeignKey(
        "self",
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approval_decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    form_of_address = models.CharField(
        _("form of address"),
        max_length=1,
        choices=FormOfAddress.choices,
        blank=True,
        default=FormOfAddress.NEUTRAL,
        help_text=_("Optional. German and French role titles follow it."),
    )
    former_member = models.BooleanField(
        _("former member"),
        default=False,
        help_text=_("Set when the person deleted their account; posts stay."),
    )
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    feed_token_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text=(
            "Part of every signed feed link (iCalendar agenda); raising it revokes "
            "all links issued before."
        ),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name shown next to posts: 'former member' once the account is gone."""
        if self.former_member:
            return str(_("former member"))
        return self.full_name or self.email.split("@")[0]

    # Django and Wagtail call these for the admin's user listings.
    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def is_caseworker(self) -> bool:
        return self.role == Role.CASEWORKER

    @property
    def is_specialist(self) -> bool:
        return self.role == Role.SPECIALIST

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR or self.is_superuser

    @property
    def is_member(self) -> bool:
        """An active, approved account: may see members-only content."""
        return (
            self.is_active
            and not self.former_member
            and self.approval_status == ApprovalStatus.APPROVED
        )

    def save(self, *args, **kwargs):
        if self.email:
            self.email = self.email.strip().lower()
        super().save(*args, **kwargs)
        self.sync_role_group()

    def sync_role_group(self):
        """Keep exactly the Wagtail group of the user's role (others untouched)."""
        from django.contrib.auth.models import Group

        wanted = ROLE_GROUPS.get(self.role)
        role_groups = Group.objects.filter(name__in=ROLE_GROUPS.values())
        current = set(
            self.groups.filter(pk__in=role_groups).values_list("name", flat=True)
        )
        if current == {wanted}:
            return
        self.groups.remove(*[g for g in role_groups if g.name != wanted])
        group = role_groups.filter(name=wanted).first()
        if group is not None:
            self.groups.add(group)

    def mark_deleted(self):
        """Strip personal data; the row stays so posts can say 'former member'."""
        self.former_member = True
        self.is_active = False
        self.is_staff = False
        self.is_superuser = False
        self.full_name = ""
        self.job_title = ""
        self.form_of_address = ""
        self.email = f"deleted-{self.pk}@former-member.invalid"
        self.home_centre = None
        self.deleted_at = timezone.now()
        self.feed_token_version += 1
        self.set_unusable_password()
        self.save()


class AllowedEmailDomain(models.Model):
    """A centre's e-mail domain: sign-ups from it become caseworkers once verified."""

    domain = models.CharField(
        _("e-mail domain"),
        max_length=253,
        unique=True,
        help_text=_("Everything after the @, for example ocmw-gent.be."),
    )
    centre = models.ForeignKey(
        "specialists.Centre",
        verbose_name=_("centre"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("New members from this domain get this home centre."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("allowed e-mail domain")
        verbose_name_plural = _("allowed e-mail domains")
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)
