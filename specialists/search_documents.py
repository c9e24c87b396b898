"""What the specialist directory puts in the search index (registered in apps.py).

A person has a document while they are listed in the directory (active, not a
former member, a current verified designation), for members only. Results show
facts in the reader's language (``describe``), never the indexed text.
"""

import contextlib
import functools

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from exchange.taxonomy.models import Theme
from search.adapters import Adapter, place_facets, register, register_facet, url_in
from search.indexing import IndexItem
from search.models import DocType, SearchDocument

from .models import (
    SPOKEN_LANGUAGE_NAMES,
    Centre,
    Designation,
    DesignationRole,
    DesignationStatus,
    Municipality,
    Province,
    Region,
    SpecialistProfile,
)

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
        [...]}}`` in two statements of plain rows (``_describe_sql``): a search
        shows a few people, and building and compiling the ORM's two querysets
        cost 3 ms a search, ten times their running.
        """
        pks = [int(k) for k in keys if str(k).isdigit()]
        if not pks:
            return {}
        people_sql, places_sql = _describe_sql()
        marks = ", ".join(["%s"] * len(pks))
        today = timezone.localdate()
        current = [DesignationStatus.VERIFIED.value, today, today]
        with connection.cursor() as cursor:
            cursor.execute(people_sql.format(marks=marks), [*current, *pks])
            people = cursor.fetchall()
            cursor.execute(places_sql.format(marks=marks), [*current, *pks])
            rows = cursor.fetchall()
        places: dict[int, list[str]] = {}
        deputy: set[int] = set()
        for user_id, role, *place in rows:
            names = places.setdefault(user_id, [])
            if place[0] is not None:
                municipality = Municipality(
                    **dict(zip(PLACE_FIELDS, place, strict=True))
                )
                names.append(municipality.name_in(language))
            if role == DesignationRole.DEPUTY:
                deputy.add(user_id)
        with translation.override(language):
            return {
                str(pk): {
                    "role": job_title
                    or str(ROLE_LABELS["deputy" if pk in deputy else "primary"]),
                    "centre": centre or "",
                    "municipalities": sorted(dict.fromkeys(places.get(pk, []))),
                    "languages": [
                        str(SPOKEN_LANGUAGE_NAMES[c])
                        for c in (spoken or "").split()
                        if c in SPOKEN_LANGUAGE_NAMES
                    ],
                }
                for pk, job_title, centre, spoken, active, former in people
                if active and not former
            }


PLACE_FIELDS = ("refnis", "name_nl", "name_fr", "name_de", "main_language")


@functools.cache
def _describe_sql() -> tuple[str, str]:
    """The two statements of ``SpecialistAdapter.describe``, written once per
    process from the models' tables and columns; ``{marks}`` takes the people's
    ids. Both take the parameters of ``Designation.objects.current()`` first:
    verified, started on or before today, not ended before today.

    People: id, job title, centre, spoken languages, active, former member; only
    people with a current designation (``listed_people``, whose two flags the
    caller checks). Places: the person, the role and the municipality (its
    ``PLACE_FIELDS``, or nulls) of each current designation."""
    quote = connection.ops.quote_name
    user = get_user_model()

    def table(model) -> str:
        return quote(model._meta.db_table)

    def col(model, name: str) -> str:
        return quote(model._meta.get_field(name).column)

    links = Designation.municipalities.through
    designation = (
        f"d.{col(Designation, 'status')} = %s"
        f" AND d.{col(Designation, 'start_date')} <= %s"
        f" AND (d.{col(Designation, 'end_date')} IS NULL"
        f" OR d.{col(Designation, 'end_date')} >= %s)"
    )
    people = (
        f"SELECT u.{col(user, 'id')}, u.{col(user, 'job_title')},"  # noqa: S608 - model names
        f" c.{col(Centre, 'name')}, p.{col(SpecialistProfile, 'languages')},"
        f" u.{col(user, 'is_active')}, u.{col(user, 'former_member')}"
        f" FROM {table(user)} u"
        f" LEFT JOIN {table(Centre)} c"
        f" ON c.{col(Centre, 'id')} = u.{col(user, 'home_centre')}"
        f" LEFT JOIN {table(SpecialistProfile)} p"
        f" ON p.{col(SpecialistProfile, 'user')} = u.{col(user, 'id')}"
        f" WHERE EXISTS (SELECT 1 FROM {table(Designation)} d"
        f" WHERE d.{col(Designation, 'user')} = u.{col(user, 'id')} AND {designation})"
        f" AND u.{col(user, 'id')} IN ({{marks}})"
    )
    places = (
        f"SELECT d.{col(Designation, 'user')}, d.{col(Designation, 'role')}, "  # noqa: S608 - model names
        + ", ".join(f"m.{col(Municipality, f)}" for f in PLACE_FIELDS)
        + f" FROM {table(Designation)} d"
        f" LEFT JOIN {table(links)} l"
        f" ON l.{col(links, 'designation')} = d.{col(Designation, 'id')}"
        f" LEFT JOIN {table(Municipality)} m"
        f" ON m.{col(Municipality, 'id')} = l.{col(links, 'municipality')}"
        f" WHERE {designation} AND d.{col(Designation, 'user')} IN ({{marks}})"
    )
    return people, places


def register_all() -> None:
    register_facet("theme", Theme, "slug")
    register_facet("region", Region, "slug")
    register_facet("province", Province, "code")
    register_facet("municipality", Municipality, "refnis")
    register(SpecialistAdapter())
