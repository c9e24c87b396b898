"""Demo accounts, one per role, printed at the end of seed_demo."""

from exchange.accounts.models import AllowedEmailDomain, Role, User

DEMO_PASSWORD = "demo-exchange-2026"
# The demo coordinator's TOTP secret (base32). Fixed and documented so that a tester
# can log in: `manage.py demo_totp coordinator@demo.mi-is.example` prints the code,
# or add this secret to any authenticator app. Never use it outside the demo.
DEMO_TOTP_SECRET = "NEWCOMEREXCHANGEDEMOTOTPSECRETAB"
DEMO_USERS = [
    ("caseworker@demo.ocmw.example", "Sofie Vermeulen", Role.CASEWORKER, "nl"),
    ("specialist@demo.ocmw.example", "Karim Benali", Role.SPECIALIST, "fr"),
    ("coordinator@demo.mi-is.example", "Anna Schmitz", Role.COORDINATOR, "de"),
]
DEMO_DOMAINS = ["demo.ocmw.example", "demo.cpas.example", "demo.oeshz.example"]


def seed(*, stdout, scale=0):
    from allauth.account.models import EmailAddress

    users = {}
    for email, name, role, language in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, full_name=name, role=role,
                language=language, is_staff=(role == Role.COORDINATOR),
            )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        users[role] = user
    seed_totp(users[Role.COORDINATOR])
    for domain in DEMO_DOMAINS:
        AllowedEmailDomain.objects.get_or_create(domain=domain)
    return users


def seed_totp(user):
    """Give the demo coordinator a TOTP authenticator with the documented secret."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)


def print_logins(stdout):
    stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for email, _name, role, _language in DEMO_USERS:
        stdout.write(f"  {role:<12} {email}")
    coordinator = DEMO_USERS[2][0]
    stdout.write(
        "  The coordinator also needs a two-factor code: run\n"
        f"    .venv/bin/python manage.py demo_totp {coordinator}\n"
        f"  or add the TOTP secret {DEMO_TOTP_SECRET} to an authenticator app."
    )
