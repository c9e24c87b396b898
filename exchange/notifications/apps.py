from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "exchange.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from exchange.accounts.signals import account_deleted

        from .account_data import on_account_deleted

        account_deleted.connect(
            on_account_deleted, dispatch_uid="notifications_account_deleted"
        )
