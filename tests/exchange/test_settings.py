"""Production settings: `check --deploy` is clean; a bad variable stops start-up."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The production variables as docs/operations.md documents them.
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "exchange.settings.production",
    "SECRET_KEY": "k7#Qm2v!Lr9@xP4s$Wd8&Fz1^Hb6*Jn3(Tc5)Yg0_Ue2+Ia7=Oq4-Ek9~Vw1",
    "ALLOWED_HOSTS": "exchange.example.be",
    "CSRF_TRUSTED_ORIGINS": "https://exchange.example.be",
    "SITE_URL": "https://exchange.example.be",
    "DATABASE_URL": "postgres://exchange:secret@127.0.0.1:5432/exchange",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
    "EMAIL_HOST": "smtp.example.be",
    "EMAIL_HOST_USER": "exchange",
    "EMAIL_HOST_PASSWORD": "secret",
    "DEFAULT_FROM_EMAIL": "Newcomer Exchange <noreply@exchange.example.be>",
    "TASKS_BACKEND": "database",
    "TRUSTED_PROXY_COUNT": "1",
}


def run_manage(*args, **overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENV
        and not key.startswith(("EMAIL_", "DEBUG", "DJANGO_ALLOW_ASYNC"))
    }
    env.update(PRODUCTION_ENV)
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_check_deploy_reports_nothing_with_the_documented_variables():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SECRET_KEY", None),
        ("SECRET_KEY", "short"),
        ("ALLOWED_HOSTS", None),
        ("DATABASE_URL", "mysql://db/exchange"),
        ("DATABASE_URL", "sqlite:////tmp/exchange.sqlite3"),
        ("REDIS_URL", "memcached://127.0.0.1"),
        ("REDIS_URL", None),
        ("ELASTICSEARCH_URL", "elastic:9200"),
        ("EMAIL_HOST", None),
        ("EMAIL_PORT", "smtp"),
        ("TASKS_BACKEND", "celery"),
        ("TRUSTED_PROXY_COUNT", "two"),
        ("SECURE_SSL_REDIRECT", "maybe"),
    ],
)
def test_a_bad_variable_stops_start_up_naming_it(variable, value):
    result = run_manage("check", **{variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr.strip().splitlines()[-1]
