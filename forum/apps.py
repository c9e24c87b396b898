from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from exchange.accounts.signals import account_deleted

        from .account_data import on_account_deleted

        account_deleted.connect(
            on_account_deleted, dispatch_uid="forum_account_deleted"
        )

        from . import search_documents

        search_documents.register_all()
