"""Demo accounts, one per role, printed at the end of seed_demo."""

from .models import Role, User

DEMO_PASSWORD = "demo-exchange-2026"
DEMO_USERS = [
    ("caseworker@demo.ocmw.example", "Sofie Vermeulen", Role.CASEWORKER, "nl"),
    ("specialist@demo.ocmw.example", "Karim Benali", Role.SPECIALIST, "fr"),
    ("coordinator@demo.mi-is.example", "Anna Schmitz", Role.COORDINATOR, "de"),
]


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
    return users


def print_logins(stdout):
    stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
    for email, _name, role, _language in DEMO_USERS:
        stdout.write(f"  {role:<12} {email}")
