"""The privacy guard: find a client's identifying data before a post is saved.

Numbers are validated (python-stdnum), so a number that merely looks like a
national register number or an IBAN but fails its checksum is not reported:
caseworkers often write case numbers, dates and amounts, and false alarms teach
people to ignore the guard.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.be import nn as stdnum_nn

try:  # bis numbers (people not in the National Register)
    from stdnum.be import bis as stdnum_bis
except ImportError:  # pragma: no cover - older python-stdnum
    stdnum_bis = None

KIND_LABELS = {
    "national_number": _("national register number (INSZ/NISS)"),
    "bis_number": _("BIS number"),
    "iban": _("bank account number (IBAN)"),
    "email": _("e-mail address"),
    "phone": _("phone number"),
    "address": _("street address"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str

    @property
    def label(self):
        return KIND_LABELS[self.kind]


_SEP = r"[\s./-]?"
# 11 digits as YY.MM.DD-XXX.CC with optional separators.
NATIONAL_NUMBER_RE = re.compile(
    rf"(?<![\d.])\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}(?![\d])"
)
IBAN_RE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"
)
PHONE_INTERNATIONAL_RE = re.compile(
    r"(?<![\w+])(?:\+|00)\s?32\s?(?:\(0\)\s?)?[1-9](?:[\s./-]?\d){7,8}(?![\s./-]?\d)"
)
PHONE_NATIONAL_RE = re.compile(
    r"(?<![\d.,/-])0[1-9]\d{0,2}(?:[\s./-]?\d{2,3}){2,4}(?![\s./-]?\d)"
)

_CAP = r"[A-ZÀ-ÖØ-ÝÄÖÜ][\w'’-]*"
_HOUSE = r"\d{1,4}(?:\s?[a-zA-Z])?(?:\s?(?:bus|bte|boîte|/)\s?\d{1,4})?\b"
NL_STREETS = (
    "straat", "laan", "steenweg", "plein", "lei", "dreef", "weg", "kaai", "markt",
    "baan", "hof", "pad", "dijk", "vest", "singel", "vliet", "berg", "veld",
)  # fmt: skip
DE_STREETS = ("straße", "strasse", "gasse", "platz", "allee", "ring", "chaussee", "weg")
FR_STREETS = (
    "rue", "avenue", "boulevard", "chaussée", "place", "quai", "chemin", "allée",
    "impasse", "square", "route", "drève",
)  # fmt: skip
_FR_PARTICLE = r"(?:(?:de la|de l'|de l’|du|des|de|d'|d’)\s*)?"


def _suffixes(words) -> str:
    """A street word glued to a name (Kerkstraat) or on its own (Grote Markt)."""
    glued = "|".join(words)
    alone = "|".join(word.capitalize() for word in words)
    return rf"(?:{_CAP}(?:{glued})|(?:{_CAP}\s)+(?:{alone}))"


def _fr_words() -> str:
    return "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in FR_STREETS)


ADDRESS_RES = [
    # Dutch: Kerkstraat 12, Grote Markt 3, Sint-Pietersnieuwstraat 41 bus 2
    re.compile(rf"\b{_suffixes(NL_STREETS)}\s+{_HOUSE}"),
    # German: Hauptstraße 12, Aachener Straße 5
    re.compile(rf"\b{_suffixes(DE_STREETS)}\s+{_HOUSE}"),
    # French: rue de la Loi 16, avenue Louise 54 bte 3
    re.compile(
        rf"\b(?:{_fr_words()})\s+{_FR_PARTICLE}{_CAP}(?:[\s-]{_CAP})*,?\s+{_HOUSE}"
    ),
    # French, number first: 16 rue de la Loi
    re.compile(rf"\b\d{{1,4}},?\s+(?:{_fr_words()})\s+{_FR_PARTICLE}{_CAP}"),
]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def find_personal_data(*texts: str) -> list[Finding]:
    """Every piece of identifying data in the given texts, in order, without repeats."""
    findings: list[Finding] = []
    for text in texts:
        if not text:
            continue
        findings.extend(_find_in(text))
    unique = []
    for finding in findings:
        if finding not in unique:
            unique.append(finding)
    return unique


def _find_in(text: str) -> list[Finding]:
    found: list[tuple[int, Finding]] = []
    taken: list[tuple[int, int]] = []

    def add(match, kind):
        start, end = match.span()
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            return
        taken.append((start, end))
        found.append((start, Finding(kind, match.group(0).strip())))

    for match in NATIONAL_NUMBER_RE.finditer(text):
        number = _digits(match.group(0))
        if stdnum_nn.is_valid(number):
            add(match, "national_number")
        elif stdnum_bis is not None and stdnum_bis.is_valid(number):
            add(match, "bis_number")
    for match in IBAN_RE.finditer(text):
        if stdnum_iban.is_valid(match.group(0)):
            add(match, "iban")
    for match in EMAIL_RE.finditer(text):
        add(match, "email")
    for match in PHONE_INTERNATIONAL_RE.finditer(text):
        add(match, "phone")
    for match in PHONE_NATIONAL_RE.finditer(text):
        digits = _digits(match.group(0))
        # Belgian numbers: 9 digits (landline) or 10 starting with 04 (mobile).
        if len(digits) == 9 or (len(digits) == 10 and digits.startswith("04")):
            add(match, "phone")
    for pattern in ADDRESS_RES:
        for match in pattern.finditer(text):
            add(match, "address")
    return [finding for _start, finding in sorted(found, key=lambda item: item[0])]


def findings_message(findings: list[Finding]):
    """A translated sentence naming what was found."""
    listed = "; ".join(f"{finding.label}: {finding.text}" for finding in findings)
    return format_lazy(
        "{intro} {listed}. {advice}",
        intro=_("Your text seems to contain personal data of a client:"),
        listed=listed,
        advice=_(
            "Remove or anonymise it and post again; your text has been kept below."
        ),
    )


def privacy_check(*texts: str) -> None:
    """Raise ValidationError (code ``personal_data``) if any text carries such data."""
    findings = find_personal_data(*texts)
    if findings:
        raise ValidationError(
            findings_message(findings),
            code="personal_data",
            params={"findings": findings},
        )
