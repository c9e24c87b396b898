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
them (``manage.py search_index rebuild``); nor do they leave search outbox rows
(bulk inserts send no signals). Synthetic practices are titled "[synthetic] ..." and
have an ``external_id`` starting with ``synthetic-``. Their texts come from
``demo.synthetic`` (sentence banks, Zipf-like words, the broad word in about
a third of them).
"""

from __future__ import annotations

import random
import uuid
from html import escape

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from demo.synthetic import TextMaker
from exchange.taxonomy.models import TargetGroup, Theme
from practices.library import practice_index_for
from practices.models import PracticePage, TranslatedBy, Visibility
from specialists.models import Municipality

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
    },
}


def _text(maker, language, group, municipality, theme):
    """Title, summary, context and body in ``language`` (see demo.synthetic:
    sentence banks, Zipf-like words, the broad word in about a third of them)."""
    rng = maker.rng
    act = rng.choice(WORDS[language]["acts"])
    title = (
        f"[synthetic] {act} {group.name_in(language).lower()}: "
        f"{maker.topic(language)} ({municipality.name_in(language)})"
    )
    context = {"place": municipality, "group": group, "theme": theme}
    broad = maker.broad()
    part = rng.randrange(3)  # which section holds the broad sentence
    summary = " ".join(
        maker.sentences(
            language, rng.randint(2, 3), broad=broad and part == 0, **context
        )
    )
    situation = " ".join(
        maker.sentences(
            language, rng.randint(2, 4), broad=broad and part == 1, **context
        )
    )
    paragraphs = maker.paragraphs(
        language, rng.randint(2, 4), broad=broad and part == 2, **context
    )
    body = [
        {
            "type": "text",
            "value": "".join(f"<p>{escape(p, quote=False)}</p>" for p in paragraphs),
            "id": str(uuid.uuid4()),
        }
    ]
    return title[:255], summary[:600], situation, body


@transaction.atomic
def practices_bulk_create(*, count: int, author=None, seed: int = 2026) -> int:
    """Create ``count`` live synthetic practices spread over the four libraries."""
    if count <= 0:
        return 0
    rng = random.Random(seed)  # noqa: S311 - synthetic text, not security
    themes = list(Theme.objects.all())
    groups = list(TargetGroup.objects.all())
    municipalities = list(Municipality.objects.all())
    maker = TextMaker(rng, places=municipalities, themes=themes, groups=groups)
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
                group = rng.choice(maker.groups or groups)
                page_themes = rng.sample(themes, rng.randint(1, 3))
                page_groups = [group] + [
                    g for g in rng.sample(groups, rng.randint(0, 1)) if g != group
                ]
                title, summary, context, body = _text(
                    maker, language, group, municipality, page_themes[0]
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
                        "themes": page_themes,
                        "groups": page_groups,
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
        # As practice_create_draft does: the practice belongs to its author's centre.
        page.centre_id = page.owner.home_centre_id if page.owner else None
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
