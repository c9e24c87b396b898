"""Import practices from JSON Lines (schema in docs/import-formats.md).

Each line is validated on its own: a bad line is reported with its number and
reason, the good ones still import. Lines are matched on ``external_id`` (or, without
one, on language + title), so importing the same file twice creates no duplicates.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q

from exchange.taxonomy.models import TargetGroup, Theme
from specialists.models import Municipality, Region

from .library import practice_index_for
from .models import (
    PracticePage,
    TranslatedBy,
    Visibility,
    practice_privacy_findings,
)
from .services import _unique_slug, body_stream

REQUIRED = ("title", "summary", "language", "themes")
TEXT_LIMITS = {
    "title": 255,
    "summary": 600,
    "context": 4000,
    "results": 4000,
    "resources": 2000,
    "transferability": 2000,
    "legal_basis": 500,
}


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    pages: list[PracticePage] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class LineError(ValueError):
    pass


def _as_list(value) -> list:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)


def _themes(values, model, label):
    found, unknown = [], []
    for value in _as_list(values):
        text = str(value).strip()
        match = model.objects.filter(
            Q(slug__iexact=text)
            | Q(name_en__iexact=text)
            | Q(name_nl__iexact=text)
            | Q(name_fr__iexact=text)
            | Q(name_de__iexact=text)
        ).first()
        (found.append(match) if match else unknown.append(text))
    if unknown:
        raise LineError(f"unknown {label}: {', '.join(unknown)}")
    return found


def _municipality(value) -> Municipality:
    text = str(value).strip()
    if text.isdigit():
        match = Municipality.objects.filter(refnis=text.zfill(5)).first()
    else:
        match = Municipality.objects.filter(
            Q(name_nl__iexact=text) | Q(name_fr__iexact=text) | Q(name_de__iexact=text)
        ).first()
    if match is None:
        raise LineError(f"unknown municipality: {text}")
    return match


def _region(value) -> Region | None:
    if not value:
        return None
    text = str(value).strip()
    match = Region.objects.filter(
        Q(slug__iexact=text)
        | Q(code=text)
        | Q(name_nl__iexact=text)
        | Q(name_fr__iexact=text)
        | Q(name_de__iexact=text)
    ).first()
    if match is None:
        raise LineError(f"unknown region: {text}")
    return match


def _date(record, key):
    value = record.get(key)
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise LineError(f"{key} is not a date (YYYY-MM-DD): {value}")


def _author(record, default_author):
    email = (record.get("author") or record.get("author_email") or "").strip().lower()
    if email:
        user = get_user_model().objects.filter(email=email).first()
        if user is None:
            raise LineError(f"unknown author: {email}")
        return user
    return default_author


def parse_line(record: dict, *, default_author=None) -> dict:
    """Validate one record and resolve its references; raises LineError."""
    if not isinstance(record, dict):
        raise LineError("a line must be a JSON object")
    missing = [key for key in REQUIRED if not record.get(key)]
    if missing:
        raise LineError(f"missing required field(s): {', '.join(missing)}")
    language = str(record["language"]).strip().lower()[:2]
    index = practice_index_for(language)
    if index is None:
        raise LineError(f"no practice library in language: {language}")
    visibility = record.get("visibility") or Visibility.PUBLIC
    if visibility not in Visibility.values:
        raise LineError(f"visibility must be public or members, not: {visibility}")
    translated_by = record.get("translated_by") or TranslatedBy.AUTHOR
    if translated_by not in TranslatedBy.values:
        raise LineError(
            f"translated_by must be author, human or machine, not: {translated_by}"
        )
    municipalities = [_municipality(v) for v in _as_list(record.get("municipalities"))]
    if record.get("municipality"):
        municipalities.append(_municipality(record["municipality"]))
    for key, limit in TEXT_LIMITS.items():
        value = record.get(key) or ""
        if not isinstance(value, str):
            raise LineError(f"{key} must be text")
        if len(value) > limit:
            raise LineError(f"{key} is longer than {limit} characters")
    body = record.get("body") or ""
    if not isinstance(body, str):
        raise LineError("body must be text or HTML")
    steps = record.get("steps") or []
    if isinstance(steps, str):
        steps = steps.splitlines()
    steps = [
        f"{s.get('title', '')}: {s.get('text', '')}" if isinstance(s, dict) else str(s)
        for s in steps
    ]
    start_date = _date(record, "start_date")
    review_by = _date(record, "review_by")
    if start_date and review_by and review_by < start_date:
        raise LineError("review_by is before start_date")
    return {
        "index": index,
        "external_id": str(record.get("external_id") or "").strip()[:100] or None,
        "translation_of": str(record.get("translation_of") or "").strip() or None,
        "fields": {
            "title": record["title"].strip(),
            "summary": record["summary"].strip(),
            "context": record.get("context") or "",
            "results": record.get("results") or "",
            "resources": record.get("resources") or "",
            "transferability": record.get("transferability") or "",
            "legal_basis": record.get("legal_basis") or "",
            "visibility": visibility,
            "translated_by": translated_by,
            "translator_name": str(record.get("translator_name") or "")[:150],
            "start_date": start_date,
            "review_by": review_by,
            "region": _region(record.get("region")),
            "body": body_stream(
                text_html=body if "<" in body else "",
                text="" if "<" in body else body,
                steps=steps,
            ),
        },
        "themes": _themes(record.get("themes"), Theme, "theme"),
        "target_groups": _themes(
            record.get("target_groups"), TargetGroup, "target group"
        ),
        "municipalities": list(dict.fromkeys(municipalities)),
        "author": _author(record, default_author),
    }


def _existing(parsed) -> PracticePage | None:
    if parsed["external_id"]:
        return PracticePage.objects.filter(external_id=parsed["external_id"]).first()
    index = parsed["index"]
    return (
        PracticePage.objects.child_of(index)
        .filter(title=parsed["fields"]["title"])
        .first()
    )


def _save(parsed, *, draft: bool) -> tuple[PracticePage, bool]:
    fields = parsed["fields"]
    existing = _existing(parsed)
    translation_key = None
    if parsed["translation_of"]:
        source = PracticePage.objects.filter(
            external_id=parsed["translation_of"]
        ).first()
        if source is None:
            raise LineError(
                f"translation_of refers to unknown practice: {parsed['translation_of']}"
            )
        if source.locale_id == parsed["index"].locale_id:
            raise LineError("a translation must be in another language than its source")
        translation_key = source.translation_key
        other = PracticePage.objects.filter(
            translation_key=translation_key, locale_id=parsed["index"].locale_id
        ).exclude(pk=getattr(existing, "pk", None))
        if other.exists():
            raise LineError("that practice already has a version in this language")
    created = existing is None
    if created:
        page = PracticePage(
            slug=_unique_slug(parsed["index"], fields["title"]),
            locale=parsed["index"].locale,
            external_id=parsed["external_id"],
            owner=parsed["author"],
            live=False,
            **fields,
        )
        if translation_key:
            page.translation_key = translation_key
    else:
        page = existing.get_latest_revision_as_object()
        for name, value in fields.items():
            setattr(page, name, value)
        if parsed["author"] is not None:
            page.owner = parsed["author"]
    findings = practice_privacy_findings(page)
    if findings:
        raise LineError(
            "personal data of a client: "
            + "; ".join(
                f"{label}: " + ", ".join(f"{f.label} {f.text}" for f in found)
                for label, found in findings
            )
        )
    page.themes.set(parsed["themes"])
    page.target_groups.set(parsed["target_groups"])
    page.municipalities.set(parsed["municipalities"])
    if page.region_id is None and parsed["municipalities"]:
        page.region = parsed["municipalities"][0].region
    owner = page.owner
    if page.contact_specialist_id is None and owner is not None and owner.is_specialist:
        page.contact_specialist = owner
    if page.centre_id is None and page.owner is not None:
        page.centre = page.owner.home_centre
    if created:
        parsed["index"].add_child(instance=page)
    elif existing.owner_id != page.owner_id:
        PracticePage.objects.filter(pk=existing.pk).update(owner=page.owner)
    revision = page.save_revision(user=None, log_action=False)
    if not draft:
        revision.publish(user=None, log_action=False)
    return page, created


def _records(lines):
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            yield number, json.loads(line), None
        except json.JSONDecodeError as error:
            yield number, None, f"not valid JSON ({error.msg})"


def practices_import(
    lines, *, draft: bool = False, default_author=None
) -> ImportReport:
    """Import JSON Lines; sources before their translations, each line on its own."""
    report = ImportReport()
    pending = []
    for number, record, error in _records(lines):
        if error:
            report.errors.append((number, error))
            continue
        pending.append((number, record))
    # Sources first, so a translation can find the practice it translates.
    pending.sort(
        key=lambda item: bool(
            isinstance(item[1], dict) and item[1].get("translation_of")
        )
    )
    for number, record in pending:
        try:
            with transaction.atomic():
                parsed = parse_line(record, default_author=default_author)
                page, created = _save(parsed, draft=draft)
        except LineError as error:
            report.errors.append((number, str(error)))
            continue
        report.pages.append(page)
        if created:
            report.created += 1
        else:
            report.updated += 1
    report.errors.sort()
    return report
