"""Who may open which URL: anonymous / caseworker / specialist / coordinator.

One row per URL; append rows as the sections grow. Each cell is the expected
status: 200, 403, or LOGIN (a redirect to the log-in page). A URL given as a
callable receives the fixtures dict (``site_tree``, the users) and returns the path.
"""

import pytest

LOGIN = "login"  # 302 to /{lang}/accounts/login/
A, C, S, K = "anonymous", "caseworker", "specialist", "coordinator"

# fmt: off
MATRIX = [
    # url                                anonymous caseworker specialist coordinator
    ("/en/",                             200,      200,       200,       200),
    ("/nl/",                             200,      200,       200,       200),
    ("/fr/about/",                       200,      200,       200,       200),
    ("/de/accessibility/",               200,      200,       200,       200),
    ("/en/privacy/",                     200,      200,       200,       200),
    ("/en/accessibility-feedback/",      200,      200,       200,       200),
    ("/en/accounts/login/",              200,      302,       302,       302),
    ("/en/accounts/signup/",             200,      302,       302,       302),
    ("/en/account/",                     LOGIN,    200,       200,       200),
    ("/en/account/data.json",            LOGIN,    200,       200,       200),
    ("/en/account/delete/",              LOGIN,    200,       200,       200),
    ("/en/account/approvals/",           LOGIN,    403,       403,       200),
    ("/en/notifications/",               LOGIN,    200,       200,       200),
    # A member without admin rights gets a 403 page, not a log-in redirect loop.
    ("/admin/",                          LOGIN,    403,       200,       200),
    # Django admin: staff only (the coordinator here is not staff).
    ("/django-admin/",                   LOGIN,    403,       403,       403),
    ("/django-admin/login/",             LOGIN,    403,       403,       403),
    ("/api/v1/schema",                   200,      200,       200,       200),
    ("/en/practices/",                   200,      200,       200,       200),
    ("/en/forum/",                       LOGIN,    200,       200,       200),
    ("/en/specialists/",                 LOGIN,    200,       200,       200),
    ("/en/search/",                      200,      200,       200,       200),
]
# fmt: on

# Callables run once before the matrix, so that each section's URLs exist (the
# practice library is a Wagtail page). Sections add theirs here.
SETUP = [
    "practices.library.practice_library_ensure",
]

ROLES = (A, C, S, K)
CASES = [
    pytest.param(url, role, expected, id=f"{role}-{url}")
    for url, *expected_per_role in MATRIX
    for role, expected in zip(ROLES, expected_per_role, strict=True)
]


@pytest.fixture(scope="module")
def matrix_users(django_db_setup, django_db_blocker):
    """The site tree and one user per role, built once for the whole matrix.

    Everything happens in a transaction rolled back when the module ends; each
    test runs in its own savepoint inside it.
    """
    from io import StringIO

    from allauth.mfa.models import Authenticator
    from django.db import transaction
    from django.utils.module_loading import import_string

    from demo import home as demo
    from tests.factories import (
        CaseworkerFactory,
        CoordinatorFactory,
        SpecialistFactory,
    )

    with django_db_blocker.unblock(), transaction.atomic():
        demo.seed(stdout=StringIO())
        for dotted in SETUP:
            import_string(dotted)()
        coordinator = CoordinatorFactory()
        Authenticator.objects.create(
            user=coordinator,
            type=Authenticator.Type.TOTP,
            data={"secret": "JBSWY3DPEHPK3PXP"},
        )
        yield {
            A: None,
            C: CaseworkerFactory(),
            S: SpecialistFactory(),
            K: coordinator,
        }
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(("url", "role", "expected"), CASES)
def test_permission_matrix(client, matrix_users, url, role, expected):
    user = matrix_users[role]
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert "/accounts/login/" in response.url or "/login/" in response.url
    elif expected == 302:
        assert response.status_code == 302
    else:
        assert response.status_code == expected
