from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpecialistsConfig(AppConfig):
    name = "specialists"
    verbose_name = _("Specialists")

    def ready(self):
        from exchange.accounts.signals import account_deleted

        from .account_data import on_account_deleted

        account_deleted.connect(
            on_account_deleted, dispatch_uid="specialists_account_deleted"
        )

        from . import search_documents

        search_documents.register_all()
