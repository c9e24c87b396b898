#!/usr/bin/env python
"""Screenshots of the home page per role, at desktop and phone width.

    python scripts/screenshots.py [OUTPUT_DIR]      (``make screenshots``)

Builds a throw-away SQLite database with the demo content (migrate,
load_municipalities, seed_demo), serves it on a free loopback port, logs each demo
role in by a session cookie (no password or TOTP typed) and writes
``home-<role>-<desktop|phone>.png`` into OUTPUT_DIR (default docs/screenshots/).
Needs Chromium (CHROMIUM_PATH, /usr/bin/chromium or on PATH) and Playwright.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
ROLES = ["anonymous", "caseworker", "specialist", "coordinator"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(*args, env):
    command = [sys.executable, "manage.py", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603 - fixed argv


def wait_for(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own loopback
            return
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)
    raise SystemExit(f"The server at {url} did not start.")


def session_keys(env) -> dict[str, str]:
    """A logged-in session per demo role, made in the demo database."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
    )
    from django.contrib.sessions.backends.db import SessionStore

    from demo.accounts import DEMO_USERS
    from exchange.accounts.models import User

    keys = {}
    for email, _name, role, _language in DEMO_USERS:
        user = User.objects.get(email=email)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        keys[str(role)] = session.session_key
    return keys


def chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise SystemExit("Chromium not found (apt-get install chromium).")
    return found


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="exchange-screens-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "exchange.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
        "REDIS_URL": "",
    }
    env.pop("ELASTICSEARCH_URL", None)
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("load_municipalities", env=env)
    manage("seed_demo", env=env)
    # SCREENSHOT_PORT pins the port on a shared machine; else any free one.
    port = int(os.environ.get("SCREENSHOT_PORT") or free_port())
    server = subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz")
        keys = session_keys(env)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium(), headless=True, args=["--no-sandbox"]
            )
            for role in ROLES:
                for size, (width, height) in SIZES.items():
                    context = browser.new_context(
                        base_url=base, viewport={"width": width, "height": height}
                    )
                    if role in keys:
                        context.add_cookies(
                            [{"name": "sessionid", "value": keys[role], "url": base}]
                        )
                    page = context.new_page()
                    language = "fr" if role == "specialist" else "nl"
                    page.goto(f"/{language}/")
                    path = out / f"home-{role}-{size}.png"
                    page.screenshot(path=str(path), full_page=True)
                    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                    context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
