"""Fast creation of many synthetic practices (``seed_demo --scale N``), for benchmarks.

Creating 100 000 pages one by one through Wagtail takes hours: every ``add_child``
locks the parent, saves a revision and logs. This path writes the same rows in
batches instead:

1. computes the tree paths itself (treebeard's materialised path: the parent's path
   plus a 4-character base-36 step per child), continuing after the last child;
2. ``bulk_create``s the ``wagtailcore_page`` rows (live, no revision), then inserts the
   ``practices_practicepage`` rows with Django's multi-row insert, then the theme,
   target group and municipality links;
3. bumps the parent's ``numchild`` once.

The pages are valid Wagtail pages (``Page.find_problems()`` finds nothing), but they
have no revisions and are not in Wagtail's own search index: the search app indexes
them (``manage.py search_index rebuild``). Synthetic practices are titled
"[synthetic] ..." and have an ``external_id`` starting with ``synthetic-``.
"""

from __future__ import annotations

import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from exchange.taxonomy.models import TargetGroup, Theme
from specialists.models import Municipality

from .library import practice_index_for
from .models import PracticePage, TranslatedBy, Visibility

BATCH = 500

WORDS = {
    "nl": {
        "acts": [
            "Een vast aanspreekpunt voor",
            "Een onthaalmoment voor",
            "Een checklist voor",
            "Groepsinfo over rechten voor",
            "Samenwerking met de VDAB voor",
            "Inzet van sociaal tolken voor",
            "Een buddywerking voor",
        ],
        "filler": [
            "De maatschappelijk werker plant een tweede gesprek met een tolk.",
            "Het team bespreekt moeilijke dossiers in intervisie.",
            "Het GPMI wordt samen opgesteld en in eenvoudige taal uitgelegd.",
            "Artikel 60 wordt gecombineerd met lessen Nederlands op de werkvloer.",
            "De OCMW-raad en het BCSD krijgen jaarlijks een evaluatie.",
            "Wachttijden voor het leefloon dalen door een volledige checklist.",
        ],
    },
    "fr": {
        "acts": [
            "Un référent unique pour",
            "Une séance d'accueil pour",
            "Une liste de contrôle pour",
            "Une information collective sur les droits pour",
            "Un partenariat avec le Forem pour",
            "Le recours à l'interprète social pour",
            "Un parrainage pour",
        ],
        "filler": [
            "L'assistant social prévoit un deuxième entretien avec un interprète.",
            "L'équipe discute des dossiers difficiles en intervision.",
            "Le PIIS est construit ensemble et expliqué en langage clair.",
            "L'article 60 est combiné avec des cours de français au travail.",
            "Le CSSS reçoit chaque année une évaluation.",
            "Les délais pour le revenu d'intégration diminuent grâce à une liste.",
        ],
    },
    "de": {
        "acts": [
            "Eine feste Ansprechperson für",
            "Ein Willkommenstreffen für",
            "Eine Checkliste für",
            "Gruppeninformation über Rechte für",
            "Zusammenarbeit mit dem ADG für",
            "Einsatz von Sozialdolmetschern für",
            "Ein Patenschaftsprojekt für",
        ],
        "filler": [
            "Die Sozialarbeiterin plant ein zweites Gespräch mit Dolmetscher.",
            "Das Team bespricht schwierige Akten in der Intervision.",
            "Das IPSI wird gemeinsam erstellt und in einfacher Sprache erklärt.",
            "Artikel 60 wird mit Deutschkursen am Arbeitsplatz verbunden.",
            "Der Sozialhilfeausschuss erhält jährlich eine Auswertung.",
            "Die Wartezeit für das Eingliederungseinkommen sinkt dank Checkliste.",
        ],
    },
    "en": {
        "acts": [
            "A single contact person for",
            "A welcome session for",
            "A checklist for",
            "Group information on rights for",
            "Joint work with Actiris for",
            "Social interpreters for",
            "A buddy scheme for",
        ],
        "filler": [
            "The social worker plans a second interview with an interpreter.",
            "The team discusses difficult cases in peer consultation.",
            "The integration plan is drawn up together, in plain language.",
            "Article 60 work experience is combined with language lessons at work.",
            "The social welfare committee receives a yearly evaluation.",
            "Waiting times for the integration income fall thanks to a full checklist.",
        ],
    },
}


def _text(rng, language, group, municipality):
    words = WORDS[language]
    title = f"[synthetic] {rng.choice(words['acts'])} {group.lower()} ({municipality})"
    summary = " ".join(rng.sample(words["filler"], 3))
    context = " ".join(rng.sample(words["filler"], 4))
    body = [
        {
            "type": "text",
            "value": "".join(
                f"<p>{sentence}</p>" for sentence in rng.sample(words["filler"], 4)
            ),
            "id": str(uuid.uuid4()),
        }
    ]
    return title[:255], summary[:600], context, body


@transaction.atomic
def practices_bulk_create(*, count: int, author=None, seed: int = 2026) -> int:
    """Create ``count`` live synthetic practices spread over the four libraries."""
    if count <= 0:
        return 0
    rng = random.Random(seed)  # noqa: S311 - synthetic text, not security
    themes = list(Theme.objects.all())
    groups = list(TargetGroup.objects.all())
    municipalities = list(Municipality.objects.all())
    if not themes or not municipalities:
        raise RuntimeError("Load themes and municipalities before --scale.")
    content_type = ContentType.objects.get_for_model(PracticePage)
    indexes = {code: practice_index_for(code) for code in ("nl", "fr", "de", "en")}
    indexes = {code: index for code, index in indexes.items() if index is not None}
    languages = rng.choices(
        list(indexes),
        weights=[{"nl": 45, "fr": 40, "de": 5, "en": 10}[c] for c in indexes],
        k=count,
    )
    start = PracticePage.objects.filter(external_id__startswith="synthetic-").count()
    now = timezone.now()
    created = 0
    for language, index in indexes.items():
        how_many = languages.count(language)
        if not how_many:
            continue
        index.refresh_from_db()
        last = index.get_last_child()
        position = last._get_lastpos_in_path() if last else 0
        for batch_start in range(0, how_many, BATCH):
            size = min(BATCH, how_many - batch_start)
            pages, details = [], []
            for i in range(size):
                n = start + created + i + 1
                position += 1
                municipality = rng.choice(municipalities)
                group = rng.choice(groups)
                title, summary, context, body = _text(
                    rng,
                    language,
                    group.name_in(language),
                    municipality.name_in(language),
                )
                published = now - timezone.timedelta(days=rng.randint(0, 1500))
                slug = f"synthetic-{n}"
                pages.append(
                    PracticePage(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        locale_id=index.locale_id,
                        translation_key=uuid.uuid4(),
                        path=PracticePage._get_path(
                            index.path, index.depth + 1, position
                        ),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        owner=author,
                    )
                )
                details.append(
                    {
                        "summary": summary,
                        "context": context,
                        "body": body,
                        "visibility": Visibility.PUBLIC
                        if rng.random() < 0.8
                        else Visibility.MEMBERS,
                        "translated_by": TranslatedBy.AUTHOR,
                        "region_id": municipality.region_id,
                        "review_by": (
                            published + timezone.timedelta(days=rng.randint(200, 900))
                        ).date(),
                        "last_reviewed_at": published.date(),
                        "external_id": f"synthetic-{n}",
                        "themes": rng.sample(themes, rng.randint(1, 3)),
                        "groups": rng.sample(groups, rng.randint(1, 2)),
                        "municipality": municipality,
                    }
                )
            _insert_batch(pages, details)
            created += size
        from wagtail.models import Page

        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + how_many)
    return created


def _insert_batch(pages, details):
    from wagtail.models import Page

    base_rows = []
    for page in pages:
        row = Page(
            **{
                f.attname: getattr(page, f.attname)
                for f in Page._meta.concrete_fields
                if f.attname != "id"
            }
        )
        base_rows.append(row)
    Page.objects.bulk_create(base_rows)
    children = []
    for base, page, extra in zip(base_rows, pages, details, strict=True):
        page.page_ptr_id = base.pk
        page.pk = base.pk
        for name in (
            "summary",
            "context",
            "body",
            "visibility",
            "translated_by",
            "region_id",
            "review_by",
            "last_reviewed_at",
            "external_id",
        ):
            setattr(page, name, extra[name])
        children.append(page)
    fields = list(PracticePage._meta.local_concrete_fields)
    PracticePage._base_manager._insert(children, fields=fields, raw=True)
    theme_links, group_links, place_links = [], [], []
    themes_through = PracticePage.themes.through
    groups_through = PracticePage.target_groups.through
    places_through = PracticePage.municipalities.through
    for page, extra in zip(children, details, strict=True):
        theme_links += [
            themes_through(practicepage_id=page.pk, theme_id=t.pk)
            for t in extra["themes"]
        ]
        group_links += [
            groups_through(practicepage_id=page.pk, targetgroup_id=g.pk)
            for g in extra["groups"]
        ]
        place_links.append(
            places_through(
                practicepage_id=page.pk, municipality_id=extra["municipality"].pk
            )
        )
    themes_through.objects.bulk_create(theme_links)
    groups_through.objects.bulk_create(group_links)
    places_through.objects.bulk_create(place_links)
