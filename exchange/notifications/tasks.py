"""Background work of notifications (django-tasks)."""

from django_tasks import task


@task()
def email_deliver(email_id: int) -> str:
    from .mail import email_deliver as deliver

    return deliver(email_id=email_id)
