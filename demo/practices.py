"""Demo content of the library: the practices of demo/data/practices.jsonl, their
authors, adoptions, a collection and featured practices. Idempotent.

``scale=N``: N synthetic practices in all (the missing ones), through ``demo.practices_bulk``.
"""

import datetime
import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from demo.centres import centre_of, language_of
from demo.specialists import PEOPLE
from exchange.accounts.models import Role, User
from practices.library import practice_library_ensure
from practices.models import (
    Adoption,
    FeaturedPractice,
    PracticeCollection,
    PracticeCollectionItem,
    PracticePage,
)
from practices.services import adoption_record
from specialists.models import Municipality

DATA = Path(__file__).resolve().parent / "data" / "practices.jsonl"
DEMO_PASSWORD = "demo-exchange-2026"

# Each practice is written by a specialist of the centre of its (first) municipality:
# the demo specialist of ``demo.specialists`` who serves it (primary first), or, where
# none does, one of these authors, who belongs to that municipality's own centre:
# (REFNIS, e-mail, name, language).
AUTHORS = [
    ("33039", "lies.declercq@demo.ocmw.example", "Lies De Clercq", "nl"),
    ("71017", "jef.vanhove@demo.ocmw.example", "Jef Vanhove", "nl"),
    ("53028", "nadia.elamrani@demo.ocmw.example", "Nadia El Amrani", "fr"),
    ("82037", "chloe.lambotte@demo.cpas.example", "Chloé Lambotte", "fr"),
    ("63067", "jonas.kessler@demo.oeshz.example", "Jonas Kessler", "de"),
    ("63013", "lukas.heinen@demo.oeshz.example", "Lukas Heinen", "de"),
]
# Where neither exists (this seeder run without ``demo.specialists``): a team account
# of the municipality's centre.
TEAM_NAMES = {
    "nl": "Nieuwkomersteam",
    "fr": "Cellule primo-arrivants",
    "de": "Team Neuankömmlinge",
}
BRUSSELS = "21004"

# Centres that say "we apply this too": (centre municipality REFNIS, external_id, note).
ADOPTIONS = [
    ("44021", "liege-cadre-interpretariat-social", "We use the same three-level interpreter choice since 2024."),
    ("62063", "gent-tolkenwijzer", "Traduit en français pour nos équipes."),
    ("11002", "mechelen-checklist-eerste-afspraak-vluchtelingen", ""),
    ("24062", "mechelen-checklist-eerste-afspraak-vluchtelingen", "Aangepast voor subsidiair beschermden."),
    ("52011", "antwerpen-nieuwkomersspecialist-per-team", "Un référent par antenne depuis 2025."),
    ("92094", "antwerpen-nieuwkomersspecialist-per-team", ""),
    ("21004", "antwerpen-nieuwkomersspecialist-per-team", ""),
    ("63023", "tournai-courriers-langage-clair", "Unsere Briefe jetzt auch in einfacher Sprache."),
    ("71016", "roeselare-intake-pictogrammen", ""),
    ("57081", "charleroi-seances-accueil-multilingues", ""),
    ("35013", "verviers-article60-fle-forem", "Met VDAB in plaats van Forem."),
    ("21001", "molenbeek-urgent-medical-aid-unit", ""),
    ("36015", "genk-digitaal-spreekuur", ""),
]
COLLECTIONS = [
    {
        "slug": "language-and-interpreting",
        "title": "Language and interpreting: from app to social interpreter",
        "theme": "language-interpreting",
        "intro": (
            "The research found that centres choose ad hoc between a translation app, a "
            "colleague, a social interpreter or a professional interpreter. These "
            "practices show centres that agreed on a shared framework: when to use which, "
            "who pays, and how to work with the interpreter in the room."
        ),
        "items": [
            ("gent-tolkenwijzer", "A one-page decision aid; start here."),
            ("liege-cadre-interpretariat-social", "The same idea in a large Walloon city."),
            ("eupen-dolmetscher-rahmen-oeshz", "How a small German-speaking centre does it."),
            ("seraing-convention-sante-mentale-interprete", ""),
        ],
    },
    {
        "slug": "one-specialist-per-municipality",
        "title": "One newcomer specialist per municipality",
        "theme": "team-organisation",
        "intro": (
            "The study recommends a designated specialist in every team, and for small "
            "municipalities one per municipality, exchanging across municipalities. "
            "These practices show how centres organised it."
        ),
        "items": [
            ("antwerpen-nieuwkomersspecialist-per-team", ""),
            ("kempen-intergemeentelijk-netwerk-specialisten", "Small municipalities pooling."),
            ("luxembourg-reseau-referents-primo-arrivants", ""),
            ("hasselt-intervisie-nieuwkomersdossiers", ""),
        ],
    },
]
FEATURED = [
    "gent-tolkenwijzer",
    "charleroi-seances-accueil-multilingues",
    "eupen-dolmetscher-rahmen-oeshz",
    "brussels-eu-citizens-residence-information",
]


def _ensure_municipalities():
    if not Municipality.objects.exists():
        from specialists.services import municipalities_load

        municipalities_load()


def _centre_for(refnis):
    municipality = Municipality.objects.filter(refnis=refnis).first()
    return centre_of(municipality) if municipality is not None else None


def _specialist(email, name, language, centre):
    """A demo author account of ``centre`` (created when missing)."""
    from allauth.account.models import EmailAddress

    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name=name,
            role=Role.SPECIALIST, language=language,
        )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    if user.home_centre_id != centre.pk:
        user.home_centre = centre
        user.save(update_fields=["home_centre"])
    return user


def _team_account(refnis, centre):
    """The centre's shared demo team account (created when missing)."""
    language = language_of(Municipality.objects.get(refnis=refnis))
    return _specialist(
        f"practices.{refnis}@demo.ocmw.example", TEAM_NAMES[language], language, centre
    )


def _authors():
    """The fixed authors of AUTHORS, by REFNIS, each in that municipality's centre."""
    authors = {}
    for refnis, email, name, language in AUTHORS:
        centre = _centre_for(refnis)
        if centre is not None:
            authors[refnis] = _specialist(email, name, language, centre)
    return authors


def _author_for(refnis, authors):
    """Who writes a practice of municipality ``refnis``: a specialist whose home centre
    serves that municipality (see AUTHORS)."""
    if refnis in authors:
        return authors[refnis]
    municipality = Municipality.objects.filter(refnis=refnis).first()
    if municipality is None:
        return None
    serving = sorted(
        (role != "primary", index, name)
        for index, (places, name, _language, role, *_rest) in enumerate(PEOPLE)
        if name and refnis in places
    )
    for _deputy, _index, name in serving:
        user = User.objects.filter(
            full_name=name, role=Role.SPECIALIST, home_centre__municipalities=municipality
        ).first()
        if user is not None:
            return user
    return _team_account(refnis, centre_of(municipality))


def _import(authors, stdout):
    from practices.importing import practices_import

    lines = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        refnis = str((record.get("municipalities") or [BRUSSELS])[0])
        author = _author_for(refnis, authors)
        record.setdefault("author", author.email)
        lines.append(json.dumps(record, ensure_ascii=False))
    report = practices_import(lines)
    for number, message in report.errors:
        stdout.write(f"  practices.jsonl line {number}: {message}")
    _centres_of_authors()
    return report


def _centres_of_authors():
    """Every demo practice belongs to its author's centre (the importer sets it only on
    new pages, and only when the author already had a centre)."""
    for practice in PracticePage.objects.exclude(external_id="").exclude(
        external_id__startswith="synthetic-"
    ).select_related("owner"):
        centre_id = practice.owner.home_centre_id if practice.owner else None
        if centre_id and practice.centre_id != centre_id:
            PracticePage.objects.filter(pk=practice.pk).update(centre_id=centre_id)


def _adoptions():
    """Each adoption is recorded through ``adoption_record`` by a member of the adopting
    centre (only a member records for their own centre; the practice's owner is told,
    in-app). The dates are then spread over the last months so the list reads
    naturally. A centre without a demo member gets its team account (as practice
    authors do, see ``_author_for``)."""
    created = 0
    for refnis, external_id, note in ADOPTIONS:
        practice = PracticePage.objects.filter(external_id=external_id).first()
        centre = _centre_for(refnis)
        if practice is None or centre is None:
            continue
        if Adoption.objects.filter(
            translation_key=practice.translation_key, centre=centre
        ).exists():
            continue
        recorder = (
            User.objects.filter(home_centre=centre, is_active=True)
            .exclude(pk=practice.owner_id)
            .order_by("pk")
            .first()
        ) or _team_account(refnis, centre)
        adoption, was_created = adoption_record(
            practice=practice, user=recorder, centre=centre, note=note
        )
        if was_created:
            Adoption.objects.filter(pk=adoption.pk).update(
                created_at=timezone.now() - datetime.timedelta(days=30 + created * 11)
            )
        created += was_created
    return created


def _curation():
    from exchange.taxonomy.models import Theme

    for spec in COLLECTIONS:
        collection, created = PracticeCollection.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "title": spec["title"],
                "intro": spec["intro"],
                "theme": Theme.objects.filter(slug=spec["theme"]).first(),
            },
        )
        if created:
            for order, (external_id, note) in enumerate(spec["items"]):
                practice = PracticePage.objects.filter(external_id=external_id).first()
                if practice is not None:
                    PracticeCollectionItem.objects.create(
                        collection=collection, practice=practice, note=note, sort_order=order
                    )
    if not FeaturedPractice.objects.exists():
        for order, external_id in enumerate(FEATURED):
            practice = PracticePage.objects.filter(external_id=external_id).first()
            if practice is not None:
                FeaturedPractice.objects.create(practice=practice, sort_order=order)


def _reviewed_dates():
    """Imported practices count as reviewed when they were published."""
    for practice in PracticePage.objects.filter(last_reviewed_at__isnull=True, live=True):
        reviewed = (practice.review_by - datetime.timedelta(days=365)) if practice.review_by else None
        if reviewed and reviewed > timezone.localdate():
            reviewed = timezone.localdate()
        PracticePage.objects.filter(pk=practice.pk).update(last_reviewed_at=reviewed)


def _draft_in_review(authors):
    """One practice waiting for a coordinator, so the review queue has something; by
    the demo specialist (Brussels) when present, for a municipality of their centre."""
    from exchange.taxonomy.models import TargetGroup, Theme
    from practices.services import practice_create_draft, practice_submit

    author = _author_for(BRUSSELS, authors)
    title = "Un carnet de liaison entre le CPAS et l'école des devoirs"
    if PracticePage.objects.filter(owner=author, title=title).exists():
        return
    page = practice_create_draft(
        author=author,
        title=title,
        summary=(
            "Un petit carnet accompagne les enfants de familles primo-arrivantes entre "
            "l'assistant social du CPAS et l'école des devoirs, pour que les parents "
            "sachent qui contacter et que les démarches scolaires ne se perdent pas."
        ),
        context=(
            "Les familles arrivées par regroupement familial reçoivent beaucoup de courrier "
            "de l'école, souvent dans une langue qu'elles ne lisent pas encore."
        ),
        body_text=(
            "Le carnet reprend les contacts, les dates importantes et une page par mois où "
            "l'école des devoirs note ce qui demande une action des parents.\n\n"
            "L'assistant social le parcourt avec la famille lors de l'entretien mensuel."
        ),
        steps=["Concevoir le carnet avec l'école des devoirs", "Le présenter aux familles lors de l'entretien GPMI/PIIS"],
        language="fr",
        themes=Theme.objects.filter(slug__in=["education", "information-rights"]),
        target_groups=TargetGroup.objects.filter(slug="family-reunification"),
        municipalities=Municipality.objects.filter(refnis=BRUSSELS),
        legal_basis="PIIS",
        visibility="public",
    )
    practice_submit(practice=page, user=author)


@transaction.atomic
def seed(*, stdout, scale=0):
    _ensure_municipalities()
    indexes = practice_library_ensure()
    authors = _authors()
    report = _import(authors, stdout)
    _reviewed_dates()
    adopted = _adoptions()
    _curation()
    _draft_in_review(authors)
    stdout.write(
        f"Practices: libraries in {', '.join(sorted(indexes))}; imported {report.created} "
        f"new and updated {report.updated}; {adopted} new adoptions; "
        f"{PracticeCollection.objects.count()} collections."
    )
    if scale:
        from demo.practices_bulk import practices_bulk_create

        # ``scale`` synthetic practices in all: a second run adds only what is missing.
        existing = PracticePage.objects.filter(external_id__startswith="synthetic-")
        created = practices_bulk_create(
            count=scale - existing.count(), author=authors.get("33039")
        )
        stdout.write(f"Practices: {created} synthetic practices added (--scale).")
