"""Who may do what is written once: ``exchange/accounts/permissions.py``.

The permission matrix (``test_permission_matrix.py``) checks the behaviour per URL;
this file checks that no app keeps its own copy of the rules, and the helpers' answers.
"""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from ninja.errors import HttpError

from exchange.accounts import permissions
from tests.factories import CaseworkerFactory, CoordinatorFactory

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("exchange", "practices", "forum", "specialists", "coordination", "search")
HOME = ROOT / "exchange/accounts/permissions.py"
# Names of access rules that must live in the permissions module only.
RULES = {
    "is_member",
    "_is_member",
    "is_forum_member",
    "is_coordinator",
    "member_required",
    "coordinator_required",
    "require_member",
    "_require_member",
    "require_coordinator",
    "_require_coordinator",
    "api_require_member",
}
# Allowed elsewhere: the fact itself (``User.is_member``, ``User.is_coordinator``:
# properties of the model). Search sits beside the apps but may import exchange, so
# it uses the permissions module too.
ALLOWED = {
    ("exchange/accounts/models.py", "is_member"),
    ("exchange/accounts/models.py", "is_coordinator"),
}


def _product_files():
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_access_rules_are_defined_once():
    copies = []
    for path in _product_files():
        if path == HOME:
            continue
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(), filename=relative)):
            if (
                isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                and node.name in RULES
                and (relative, node.name) not in ALLOWED
            ):
                copies.append(f"{relative}:{node.lineno} {node.name}")
    assert copies == []


def test_no_app_imports_another_apps_private_names():
    private = []
    for path in _product_files():
        relative = path.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(path.read_text(), filename=relative)):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                own = relative.split("/")[0]
                if node.module.split(".")[0] in PRODUCT and not node.module.startswith(
                    own
                ):
                    private += [
                        f"{relative}: {node.module}.{alias.name}"
                        for alias in node.names
                        if alias.name.startswith("_")
                    ]
    assert private == []


def test_the_forum_privacy_re_export_is_gone():
    assert not (ROOT / "forum/privacy.py").exists()


@pytest.mark.django_db
def test_is_member_answers_for_anonymous_none_pending_and_members():
    pending = CaseworkerFactory(approval_status="pending")
    assert permissions.is_member(None) is False
    assert permissions.is_member(AnonymousUser()) is False
    assert permissions.is_member(pending) is False
    assert permissions.is_member(CaseworkerFactory()) is True
    assert permissions.is_coordinator(CaseworkerFactory()) is False
    assert permissions.is_coordinator(CoordinatorFactory()) is True


def _ok(request):
    return HttpResponse("ok")


@pytest.mark.django_db
def test_decorators_send_anonymous_to_login_and_refuse_others_with_a_message():
    factory = RequestFactory()
    member_view = permissions.member_required(_ok)
    coordinator_view = permissions.coordinator_required(message="Coordinators only.")(
        _ok
    )

    request = factory.get("/en/somewhere/")
    request.user = AnonymousUser()
    assert member_view(request).status_code == 302
    assert "login" in member_view(request)["Location"]

    request.user = CaseworkerFactory(approval_status="pending")
    with pytest.raises(PermissionDenied):
        member_view(request)

    request.user = CaseworkerFactory()
    assert member_view(request).content == b"ok"
    with pytest.raises(PermissionDenied, match="Coordinators only."):
        coordinator_view(request)

    request.user = CoordinatorFactory()
    assert coordinator_view(request).content == b"ok"


@pytest.mark.django_db
def test_the_api_check_answers_401_then_403():
    request = RequestFactory().get("/api/v1/forum/questions/")
    request.user = AnonymousUser()
    with pytest.raises(HttpError) as anonymous:
        permissions.api_require_member(request, login_message="Log in.")
    assert anonymous.value.status_code == 401
    assert str(anonymous.value) == "Log in."

    request.user = CaseworkerFactory(approval_status="rejected")
    with pytest.raises(HttpError) as refused:
        permissions.api_require_member(request)
    assert refused.value.status_code == 403

    member = CaseworkerFactory()
    request.user = member
    assert permissions.api_require_member(request) == member


SEAMS = (
    "forum/routing.py",
    "forum/services.py",
    "practices/importing.py",
    "practices/reviews.py",
    "practices/signals.py",
)


@pytest.mark.parametrize("relative", SEAMS)
def test_these_modules_import_other_apps_directly(relative):
    """No ``try: import ... except ImportError`` hiding a tie between our apps."""
    tree = ast.parse((ROOT / relative).read_text())
    guarded = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Try)
        and any(
            isinstance(handler.type, ast.Name) and handler.type.id == "ImportError"
            for handler in node.handlers
        )
    ]
    assert guarded == []
