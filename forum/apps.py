from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")

    def ready(self):
        from exchange.accounts.signals import account_deleted
        from specialists.signals import designation_handover

        from .account_data import on_account_deleted
        from .receivers import on_designation_handover

        account_deleted.connect(
            on_account_deleted, dispatch_uid="forum_account_deleted"
        )

        from . import panels

        panels.register()
        designation_handover.connect(
            on_designation_handover, dispatch_uid="forum_designation_handover"
        )
        from . import search_documents

        search_documents.register_all()
