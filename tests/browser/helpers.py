"""Shared steps of the browser tests."""


def session_for(user) -> str:
    """A logged-in session key (skips the login form, MFA and rate limits)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def log_in_as(page, live_server, user) -> None:
    """Start a browser session for ``user`` (None: anonymous)."""
    page.context.clear_cookies()
    if user is not None:
        page.context.add_cookies(
            [{"name": "sessionid", "value": session_for(user), "url": live_server.url}]
        )
