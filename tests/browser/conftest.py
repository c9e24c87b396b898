"""Browser tests: Playwright driving Debian's Chromium against the live server.

Chromium is looked up at CHROMIUM_PATH, /usr/bin/chromium or on PATH. Without it
the browser tests skip with the reason, except under CI (CI=true), where a missing
Chromium fails the run.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def browser():
    # Per test, not per session: Playwright's sync API runs on greenlets with their
    # own context, and a session-long one leaves Django's (context-local) database
    # connection without the snapshot that serialized_rollback restores from.
    path = chromium_path()
    if path is None:
        message = "Chromium not found (apt-get install chromium, or set CHROMIUM_PATH)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " — browser tests must run under CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_FLAGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def axe_check():
    """``axe_check(page)`` fails on any serious or critical axe-core violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page):
        results = axe.run(page)
        serious = [
            violation
            for violation in results.response["violations"]
            if violation.get("impact") in ("serious", "critical")
        ]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
            for v in serious
        )
        assert not serious, f"axe-core on {page.url}:\n{details}"
        return results

    return check


def _is_browser_test(item) -> bool:
    return "tests/browser/" in str(item.path).replace("\\", "/")


def pytest_collection_modifyitems(items):
    """Browser tests need real transactions (the live server is another thread).

    A transactional test flushes the database when it ends, which removes what the
    migrations created (Wagtail's root page, groups, themes, workflows).
    ``serialized_rollback`` restores it before each browser test, and running the
    browser tests last keeps the flush away from every other test.
    """
    browser_items = [item for item in items if _is_browser_test(item)]
    for item in browser_items:
        # Before the module's own django_db marker, so this one is the closest.
        item.add_marker(
            pytest.mark.django_db(transaction=True, serialized_rollback=True),
            append=False,
        )
    items[:] = [item for item in items if not _is_browser_test(item)] + browser_items
