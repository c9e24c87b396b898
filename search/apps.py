from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search imports no app: each app registers its adapters in its own ready()."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from .signals import connect_pages

        connect_pages()
