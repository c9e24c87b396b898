"""Issue 13, item 6: the deployment contract is enforced.

Every variable docs/operations.md marks required stops start-up when missing;
static files are served by WhiteNoise (hashed, compressed, far-future cache).
"""

import re
from pathlib import Path

import pytest

from tests.exchange.test_settings import PRODUCTION_ENV, run_manage

DOCS = Path(__file__).resolve().parents[2] / "docs" / "operations.md"


def required_variables() -> list[str]:
    names = []
    for line in DOCS.read_text().splitlines():
        match = re.match(r"\| `([A-Z_]+)` \| yes \|", line)
        if match:
            names.append(match.group(1))
    return names


def test_the_docs_mark_the_variables_the_issue_names_as_required():
    assert {"SITE_URL", "CSRF_TRUSTED_ORIGINS", "DEFAULT_FROM_EMAIL"} <= set(
        required_variables()
    )


@pytest.mark.parametrize("variable", required_variables())
def test_each_required_variable_stops_start_up_when_missing(variable):
    assert variable in PRODUCTION_ENV
    result = run_manage("check", **{variable: None})
    assert result.returncode != 0, variable
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("variable", "value"),
    [("SITE_URL", "exchange.example.be"), ("EMAIL_TIMEOUT", "soon")],
)
def test_a_bad_value_stops_start_up(variable, value):
    result = run_manage("check", **{variable: value})
    assert result.returncode != 0
    assert variable in result.stderr.strip().splitlines()[-1]


SETTINGS_SCRIPT = """
from django.conf import settings
print(settings.MIDDLEWARE[1])
print(settings.STORAGES["staticfiles"]["BACKEND"])
print(settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT, settings.EMAIL_BACKEND)
print(settings.SESSION_ENGINE)
"""


def test_production_serves_static_files_with_whitenoise_and_queues_mail():
    result = run_manage("shell", "-c", SETTINGS_SCRIPT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()[-4:]
    assert lines[0] == "whitenoise.middleware.WhiteNoiseMiddleware"
    assert lines[1] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert lines[2] == "True 10 exchange.notifications.mail.QueuedEmailBackend"
    assert lines[3] == "django.contrib.sessions.backends.cached_db"
