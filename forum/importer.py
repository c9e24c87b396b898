"""Import questions and answers from JSON Lines (see docs/import-formats.md).

Each line is imported on its own: a bad line is reported and skipped, the others go
in. A line whose ``external_id`` was imported before is skipped, so running the
import again creates no duplicates. Every text passes the privacy guard.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import slugify

from exchange.taxonomy.models import TargetGroup, Theme
from specialists.models import Municipality, Region

from . import services
from .models import LANGUAGE_CHOICES, ImportedAuthor, Question

LANGUAGES = {code for code, _label in LANGUAGE_CHOICES}


@dataclass
class ImportReport:
    created: int = 0
    answers: int = 0
    skipped_existing: int = 0
    errors: list = field(default_factory=list)  # (line number, message)
    warnings: list = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            f"{self.created} question(s) and {self.answers} answer(s) imported, "
            f"{self.skipped_existing} already present, {len(self.errors)} line(s) "
            f"skipped."
        ]
        out += [f"line {n}: {message}" for n, message in self.errors]
        out += [f"line {n}: warning: {message}" for n, message in self.warnings]
        return out


class LineError(Exception):
    pass


def imported_author(name: str, *, author_map=None):
    """The account for an author known only by name: mapped, or a placeholder."""
    name = (name or "").strip()[:150]
    if not name:
        raise LineError("author is missing")
    if author_map and name in author_map:
        return author_map[name]
    existing = ImportedAuthor.objects.filter(display_name=name).select_related("user")
    found = existing.first()
    if found is not None:
        return found.user
    digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8]
    user = get_user_model()(
        email=f"imported-{slugify(name)[:40] or 'author'}-{digest}@imported.invalid",
        full_name=name,
        is_active=False,
    )
    user.set_unusable_password()
    user.save()
    ImportedAuthor.objects.create(user=user, display_name=name)
    return user


def _datetime(value, what: str) -> datetime:
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise LineError(f"{what}: not an ISO 8601 date and time: {value!r}")
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _text(record: dict, key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LineError(f"{key} is missing or empty")
    return value


def _error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def import_line(record, *, report: ImportReport, number: int, author_map=None):
    if not isinstance(record, dict):
        raise LineError("not a JSON object")
    external_id = _text(record, "external_id").strip()[:200]
    if Question.objects.filter(external_id=external_id).exists():
        report.skipped_existing += 1
        return None
    title, body = _text(record, "title"), _text(record, "body")
    language = record.get("language")
    if language not in LANGUAGES:
        raise LineError(f"language must be one of {sorted(LANGUAGES)}: {language!r}")
    slugs = record.get("themes") or []
    themes = list(Theme.objects.filter(slug__in=slugs))
    unknown = set(slugs) - {t.slug for t in themes}
    if unknown:
        raise LineError(f"unknown theme(s): {', '.join(sorted(unknown))}")
    if not themes:
        raise LineError("themes: give at least one theme")
    group_slugs = record.get("target_groups") or []
    groups = list(TargetGroup.objects.filter(slug__in=group_slugs))
    unknown = set(group_slugs) - {g.slug for g in groups}
    if unknown:
        raise LineError(f"unknown target group(s): {', '.join(sorted(unknown))}")
    municipality = region = None
    if record.get("municipality"):
        municipality = Municipality.objects.filter(
            refnis=str(record["municipality"])
        ).first()
        if municipality is None:
            report.warnings.append(
                (number, f"unknown municipality {record['municipality']!r}, left out")
            )
    if record.get("region"):
        region = Region.objects.filter(slug=record["region"]).first()
        if region is None:
            report.warnings.append(
                (number, f"unknown region {record['region']!r}, left out")
            )
    created = _datetime(record.get("created"), "created")
    answers = record.get("answers") or []
    if not isinstance(answers, list):
        raise LineError("answers must be a list")
    author = imported_author(record.get("author"), author_map=author_map)
    with transaction.atomic():
        try:
            question = services.question_create(
                author=author,
                title=title,
                body=body,
                themes=themes,
                target_groups=groups,
                municipality=municipality,
                region=region,
                language=language,
                created_at=created,
                external_id=external_id,
                notify=False,
            )
        except ValidationError as error:
            raise LineError(_error_text(error))
        last_activity = created
        accepted = None
        for index, item in enumerate(answers, start=1):
            try:
                if not isinstance(item, dict):
                    raise LineError("not a JSON object")
                answer = services.answer_create(
                    question=question,
                    author=imported_author(item.get("author"), author_map=author_map),
                    body=_text(item, "body"),
                    created_at=_datetime(item.get("created"), "created"),
                    external_id=f"{external_id}#{index}",
                    notify=False,
                )
            except (LineError, ValidationError) as error:
                message = (
                    _error_text(error) if isinstance(error, ValidationError) else error
                )
                report.warnings.append((number, f"answer {index} skipped: {message}"))
                continue
            report.answers += 1
            last_activity = max(last_activity, answer.created_at)
            if item.get("accepted") is True and accepted is None:
                accepted = answer
        question.last_activity_at = last_activity
        if accepted is not None:
            question.accepted_answer = accepted
            question.status = Question.Status.SOLVED
        question.save()
    report.created += 1
    return question


def import_questions(lines, *, author_map=None) -> ImportReport:
    """Import every line of ``lines`` (an iterable of strings)."""
    report = ImportReport()
    for number, raw in enumerate(lines, start=1):
        raw = raw.strip()
        if not raw:
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            report.errors.append((number, f"invalid JSON: {error.msg}"))
            continue
        try:
            import_line(record, report=report, number=number, author_map=author_map)
        except LineError as error:
            report.errors.append((number, str(error)))
    return report
