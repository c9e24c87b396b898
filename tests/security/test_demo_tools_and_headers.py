"""Issue 11 item 10: production refuses the demo tools; a Permissions-Policy is sent."""

import io

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
def test_demo_tools_exit_non_zero_under_the_production_settings(command):
    result = run_manage(*command, "--skip-checks")
    assert result.returncode != 0
    assert "refuses to run under production settings" in result.stderr
    # It stopped before touching the (unreachable) database.
    assert "OperationalError" not in result.stderr


@pytest.mark.parametrize(
    "path", ["/en/", "/en/forum/", "/admin/", "/api/v1/practices", "/healthz"]
)
def test_every_response_carries_a_restrictive_permissions_policy(client, path):
    response = client.get(path)
    policy = response.headers.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy, (path, policy)
