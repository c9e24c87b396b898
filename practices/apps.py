from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from . import signals
        from .permissions import OwnDraftsPagePermissionPolicy

        register_permission_policy(Page, OwnDraftsPagePermissionPolicy(Page))

        signals.connect()

        from exchange.accounts.signals import account_deleted

        from .account_data import on_account_deleted

        account_deleted.connect(
            on_account_deleted, dispatch_uid="practices_account_deleted"
        )

        from . import panels

        panels.register()
        from . import search_documents

        search_documents.register_all()
