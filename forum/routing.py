"""Who should see a new question first: the matching specialists, then coordinators.

Matching is the specialists app's business (``specialists_matching``: expertise themes
and designation for the municipality or region); this module only widens the search
to the region when nobody is designated for the municipality.
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from exchange.accounts.models import Role
from specialists.selectors import specialists_matching


def specialists_for_question(question) -> QuerySet:
    """Specialists whose expertise and area match ``question`` (its author excluded)."""
    themes = list(question.themes.all())
    region = question.region
    if region is None and question.municipality_id:
        region = question.municipality.region
    users = specialists_matching(
        themes=themes, municipality=question.municipality, region=region
    )
    if question.municipality_id and not users.exists():
        # Nobody designated for that municipality: widen to its region.
        users = specialists_matching(themes=themes, region=region)
    return users.exclude(pk=question.author_id)


def coordinators() -> QuerySet:
    return get_user_model().objects.filter(
        role=Role.COORDINATOR, is_active=True, former_member=False
    )
