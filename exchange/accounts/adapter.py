"""allauth adapter: sign-up rules of the platform."""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_str

from .models import ApprovalStatus

# Session key telling the "waiting for approval" page which state to explain.
APPROVAL_STATE_SESSION_KEY = "exchange_approval_state"


class PlatformSite:
    """What allauth's e-mails call the site: the platform, not the request's host."""

    @property
    def name(self) -> str:
        return str(settings.PLATFORM_NAME)

    @property
    def domain(self) -> str:
        return urlsplit(settings.SITE_URL).netloc


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up by allow-listed centre domains; others wait for a coordinator.

    Every new account starts as ``pending``. When its e-mail address is verified,
    an address on the allow-list makes it an approved caseworker of the domain's
    centre (see ``receivers.py``); any other waits in the coordinators' approval
    queue and cannot log in until approved.
    """

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.approval_status = ApprovalStatus.PENDING
        user.language = translation.get_language() or ""
        if user.language not in ("nl", "fr", "de", "en"):
            user.language = ""
        if commit:
            user.save()
        return user

    def format_email_subject(self, subject) -> str:
        return f"[{settings.PLATFORM_NAME}] {force_str(subject)}"

    def send_mail(self, template_prefix, email, context):
        # Rendered in the active language: the one the person signed up in.
        context = {**context, "current_site": PlatformSite()}
        return super().send_mail(template_prefix, email, context)

    def pre_login(self, request, user, **kwargs):
        response = super().pre_login(request, user, **kwargs)
        if response is not None:
            return response
        status = getattr(user, "approval_status", ApprovalStatus.APPROVED)
        if status == ApprovalStatus.APPROVED:
            return None
        if status == ApprovalStatus.PENDING and not _has_verified_email(user):
            # Let allauth's verification stage ask for the e-mail link first.
            return None
        from allauth.account.internal.stagekit import clear_login

        clear_login(request)
        request.session[APPROVAL_STATE_SESSION_KEY] = status
        return HttpResponseRedirect(reverse("accounts:waiting"))

    def get_email_verification_redirect_url(self, email_address):
        user = email_address.user
        if user.approval_status == ApprovalStatus.PENDING:
            self.request.session[APPROVAL_STATE_SESSION_KEY] = user.approval_status
            return reverse("accounts:waiting")
        return super().get_email_verification_redirect_url(email_address)


def _has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()
