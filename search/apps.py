from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search imports no app: each app registers its adapters in its own ready()."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .signals import connect_pages
        from .stamps import install_triggers

        connect_pages()
        post_migrate.connect(install_triggers, sender=self)
