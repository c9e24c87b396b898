from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "exchange.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from exchange.accounts.signals import account_deleted

        from .account_data import on_account_deleted
        from .context_processors import notification_changed
        from .models import Notification

        for signal in (post_save, post_delete):
            signal.connect(
                notification_changed,
                sender=Notification,
                dispatch_uid=f"unread_count_{signal is post_save}",
            )

        account_deleted.connect(
            on_account_deleted, dispatch_uid="notifications_account_deleted"
        )
