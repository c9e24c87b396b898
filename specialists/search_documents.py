"""What the specialist directory puts in the search index (registered in apps.py).

A person has a document while they are listed in the directory (active, not a
former member, a current verified designation), for members only. Results show
facts in the reader's language (``describe``), never the indexed text.
"""

import contextlib

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import translation
from django.utils.translation import gettext_lazy

from exchange.taxonomy.models import Theme
from search.adapters import Adapter, place_facets, register, register_facet, url_in
from search.indexing import IndexItem
from search.models import DocType, SearchDocument

from .models import Designation, Municipality, Province, Region, SpecialistProfile

# Role words a reader types next to a place ("Eupen specialist", "tolk deskundige"):
# each specialist's document carries them in every language.
ROLE_WORDS = (
    "specialist",
    "specialiste",
    "Spezialist",
    "Spezialistin",
    "expert",
    "Fachkraft",
    "nieuwkomersspecialist",
    "newcomer specialist",
)
ROLE_LABELS = {
    "primary": gettext_lazy("Newcomer specialist"),
    "deputy": gettext_lazy("Deputy newcomer specialist"),
}


def _names(obj) -> list[str]:
    if obj is None:
        return []
    if hasattr(obj, "all_names"):
        return [n for n in obj.all_names() if n]
    return [str(obj)]


def listed_people():
    """Everyone the directory lists: what members see in it."""
    current = Designation.objects.current().filter(user=OuterRef("pk"))
    return get_user_model().objects.filter(
        Exists(current), is_active=True, former_member=False
    )


def _user_is_indexed_or_designated(user) -> bool:
    return (
        SearchDocument.objects.filter(
            doc_type=DocType.SPECIALIST, object_key=str(user.pk)
        ).exists()
        or Designation.objects.filter(user_id=user.pk).exists()
    )


class SpecialistAdapter(Adapter):
    """A person listed in the directory (a current, verified designation)."""

    doc_type = DocType.SPECIALIST
    shows_details = True

    @property
    def model(self):
        return get_user_model()

    def index_queryset(self):
        return listed_people()

    def tracked(self):
        return {
            Designation: lambda d: [(self.doc_type, d.user_id)],
            SpecialistProfile: lambda p: [(self.doc_type, p.user_id)],
            self.model: lambda user: (
                [(self.doc_type, user.pk)]
                if _user_is_indexed_or_designated(user)
                else []
            ),
        }

    def prefetch(self, queryset):
        # A rebuild reads 2 000 people: a fixed number of queries per chunk, not
        # six per person.
        return queryset.select_related(
            "home_centre", "specialist_profile"
        ).prefetch_related(
            "specialist_profile__themes",
            Prefetch(
                "designations",
                queryset=Designation.objects.current().prefetch_related(
                    "municipalities__province", "municipalities__region"
                ),
                to_attr="current_designations",
            ),
        )

    def to_item(self, user) -> IndexItem:
        profile = None
        with contextlib.suppress(SpecialistProfile.DoesNotExist):
            profile = user.specialist_profile
        designations = getattr(user, "current_designations", None)
        if designations is None:  # not read through ``prefetch``
            designations = (
                Designation.objects.current()
                .filter(user=user)
                .prefetch_related("municipalities__province", "municipalities__region")
            )
        municipalities = []
        for designation in designations:
            municipalities += list(designation.municipalities.all())
        themes = list(profile.themes.all()) if profile is not None else []
        spoken = profile.language_names if profile is not None else []
        parts = [user.job_title or "", str(user.home_centre or "")]
        # "Eupen specialist" must find the specialist of Eupen in any language.
        parts += [str(word) for word in ROLE_WORDS]
        parts += [n for m in municipalities for n in _names(m)]
        parts += [n for t in themes for n in _names(t)]
        parts += list(spoken)
        if profile is not None:
            parts.append(getattr(profile, "availability_note", "") or "")
        codes = profile.language_codes if profile is not None else []
        language = next((c for c in codes if c in ("nl", "fr", "de")), "") or (
            user.language or "en"
        )
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(user),
            language=language,
            title=user.display_name,
            body=" ".join(p for p in parts if p),
            url=url_in(language, "specialists:person", user.pk),
            facets=[("theme", t.slug) for t in themes] + place_facets(municipalities),
        )

    def describe(self, keys, language: str) -> dict[str, dict]:
        """What a result shows about each person, in ``language``: never the index.

        ``{key: {"role": ..., "centre": ..., "municipalities": [...], "languages":
        [...]}}`` in two queries of plain rows (a search shows a few people; the
        ORM's model rows and prefetching cost more than the reading).
        """
        pks = [int(k) for k in keys if str(k).isdigit()]
        if not pks:
            return {}
        people = (
            self.index_queryset()
            .filter(pk__in=pks)
            .values_list(
                "pk", "job_title", "home_centre__name", "specialist_profile__languages"
            )
        )
        place_fields = ("refnis", "name_nl", "name_fr", "name_de", "main_language")
        places: dict[int, list[str]] = {}
        deputy: set[int] = set()
        for user_id, role, *place in (
            Designation.objects.current()
            .filter(user_id__in=pks)
            .values_list(
                "user_id", "role", *(f"municipalities__{f}" for f in place_fields)
            )
        ):
            names = places.setdefault(user_id, [])
            if place[0] is not None:
                municipality = Municipality(
                    **dict(zip(place_fields, place, strict=True))
                )
                names.append(municipality.name_in(language))
            if role == "deputy":
                deputy.add(user_id)
        with translation.override(language):
            return {
                str(pk): {
                    "role": job_title
                    or str(ROLE_LABELS["deputy" if pk in deputy else "primary"]),
                    "centre": centre or "",
                    "municipalities": sorted(dict.fromkeys(places.get(pk, []))),
                    "languages": SpecialistProfile(
                        languages=spoken or ""
                    ).language_names,
                }
                for pk, job_title, centre, spoken in people
            }


def register_all() -> None:
    register_facet("theme", Theme, "slug")
    register_facet("region", Region, "slug")
    register_facet("province", Province, "code")
    register_facet("municipality", Municipality, "refnis")
    register(SpecialistAdapter())
