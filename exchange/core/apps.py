from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "exchange.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.urls import register_converter

        from .converters import IdConverter

        # Before any URL conf loads: routes use <id:pk> for database ids.
        register_converter(IdConverter, "id")
