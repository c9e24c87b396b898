from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "exchange.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Content changes bump the version of the anonymous page cache, in every
        # process (web, worker, management commands).
        from django.urls import register_converter

        from . import pagecache  # noqa: F401
        from .converters import IdConverter

        # Before any URL conf loads: routes use <id:pk> for database ids.
        register_converter(IdConverter, "id")
