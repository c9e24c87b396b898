"""Shared fixtures: users per role, a seeded site tree, and a logged-in client."""

import pytest
from django.core.management import call_command

from tests.factories import CaseworkerFactory, CoordinatorFactory, SpecialistFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request activates its language on the thread; each test starts in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site_tree(db):
    """Home and standard pages in nl, fr, de and en, as `seed_demo` makes them."""
    from io import StringIO

    from demo import home as demo

    return demo.seed(stdout=StringIO())


@pytest.fixture
def municipalities(db):
    from io import StringIO

    call_command("load_municipalities", stdout=StringIO())


@pytest.fixture
def caseworker(db):
    return CaseworkerFactory()


@pytest.fixture
def specialist(db):
    return SpecialistFactory()


@pytest.fixture
def coordinator(db):
    # Coordinators must have TOTP; tests that are not about MFA mark it as done.
    user = CoordinatorFactory()
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return user


@pytest.fixture
def client_for(client):
    """``client_for(user)`` logs the user in (None: anonymous); returns the client."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login
