"""Issue 11 item 10: production refuses the demo tools; a Permissions-Policy is sent."""

import importlib
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.exchange.test_settings import run_manage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("command", [["seed_demo"], ["demo_totp", "a@b.example"]])
def test_demo_tools_refuse_to_run_when_demo_tools_are_disabled(settings, command):
    settings.DEMO_TOOLS_ENABLED = False
    with pytest.raises(CommandError, match="production"):
        call_command(*command, stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize("command", [["seed_demo"], ["demo_totp", "a@b.example"]])
def test_demo_tools_are_unknown_commands_under_the_production_settings(command):
    # Issue 14 item 5: production does not install the demo app at all.
    result = run_manage(*command, "--skip-checks")
    assert result.returncode != 0
    assert f"Unknown command: '{command[0]}'" in result.stderr
    # It stopped before touching the (unreachable) database.
    assert "OperationalError" not in result.stderr


def test_production_settings_leave_the_demo_app_out_and_dev_and_test_install_it():
    result = run_manage(
        "shell",
        "--no-startup",
        "-c",
        "from django.conf import settings; print(settings.INSTALLED_APPS)",
    )
    assert result.returncode == 0, result.stderr
    assert "'demo'" not in result.stdout
    assert "'practices'" in result.stdout
    for module in ("exchange.settings.dev", "exchange.settings.test"):
        assert "demo" in importlib.import_module(module).INSTALLED_APPS, module


def test_no_product_app_holds_demo_or_bulk_seeding_code():
    root = Path(__file__).resolve().parents[2]
    apps = ["exchange", "specialists", "practices", "forum", "search", "coordination"]
    stray = [
        str(path.relative_to(root))
        for app in apps
        for pattern in ("**/demo.py", "**/bulk.py", "**/synthetic.py", "**/demo_data")
        for path in (root / app).glob(pattern)
    ]
    stray += [
        str(path.relative_to(root))
        for app in apps
        for name in ("seed_demo.py", "demo_totp.py")
        for path in (root / app).glob(f"**/management/commands/{name}")
    ]
    assert stray == []


@pytest.mark.parametrize(
    "path", ["/en/", "/en/forum/", "/admin/", "/api/v1/practices", "/healthz"]
)
def test_every_response_carries_a_restrictive_permissions_policy(client, path):
    response = client.get(path)
    policy = response.headers.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy, (path, policy)
