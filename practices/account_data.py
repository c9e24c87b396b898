"""The practices app's part of "Download my data" and of deleting an account.

Practices and adoptions belong to their centre and stay; after deletion they no
longer name the person (contact specialist, who recorded an adoption).
"""

from django.db import transaction

from .models import Adoption, PracticePage


def account_data(user) -> dict:
    """Practices owned or as contact, and the adoptions the person recorded."""

    def row(page) -> dict:
        return {
            "id": page.pk,
            "title": page.title,
            "language": page.locale.language_code,
            "live": page.live,
            "url": page.url or "",
        }

    pages = PracticePage.objects.select_related("locale")
    return {
        "practices_written": [row(p) for p in pages.filter(owner=user).order_by("pk")],
        "contact_for": [
            row(p) for p in pages.filter(contact_specialist=user).order_by("pk")
        ],
        "adoptions": [
            {
                "practice": a.practice.title,
                "centre": str(a.centre),
                "note": a.note,
                "recorded_at": a.created_at,
            }
            for a in Adoption.objects.filter(recorded_by=user)
            .select_related("practice", "centre")
            .order_by("created_at")
        ],
    }


@transaction.atomic
def on_account_deleted(sender, user, **kwargs) -> None:
    Adoption.objects.filter(recorded_by=user).update(recorded_by=None)
    # The contact field is on the page: change it on every revision that may be
    # published later too, so a former member is never offered as a contact.
    for page in PracticePage.objects.filter(contact_specialist=user):
        page.contact_specialist = None
        page.save(update_fields=["contact_specialist"])
