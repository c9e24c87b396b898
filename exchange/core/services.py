"""Writes of the site core."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from .models import AccessibilityFeedback


@transaction.atomic
def accessibility_feedback_create(
    *, page_url: str, message: str, name: str, email: str, language: str, user=None
) -> AccessibilityFeedback:
    """Store a barrier report and e-mail it to the coordinators after commit."""
    feedback = AccessibilityFeedback.objects.create(
        page_url=page_url,
        message=message,
        name=name,
        email=email,
        language=language,
        user=user if user is not None and user.is_authenticated else None,
    )
    transaction.on_commit(lambda: accessibility_feedback_notify(feedback))
    return feedback


def accessibility_feedback_notify(feedback: AccessibilityFeedback) -> None:
    """E-mail a feedback to every coordinator, each in their own language."""
    coordinators = get_user_model().objects.filter(
        role="coordinator", is_active=True, former_member=False
    )
    for coordinator in coordinators:
        with translation.override(coordinator.language or settings.LANGUAGE_CODE):
            context = {"feedback": feedback, "SITE_URL": settings.SITE_URL}
            subject = render_to_string("core/email/feedback_subject.txt", context)
            body = render_to_string("core/email/feedback_message.txt", context)
        send_mail(
            settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [coordinator.email],
            fail_silently=True,
        )
