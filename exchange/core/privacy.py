"""The privacy guard: find a client's identifying data before member text is saved.

Used by every app that stores text a member writes (forum posts, practices, group
notices, agenda events, flag and adoption notes, profiles).

It checks what a reader will see, not the raw input: Markdown is rendered, tags
and comments are dropped, entities unescaped, zero-width and other format
characters removed, the text NFKC-normalised (non-ASCII digits become ASCII),
dashes unified and runs of separators collapsed (``normalise_text``).

Numbers are validated (python-stdnum), so a number that merely looks like a
national register number or an IBAN but fails its checksum is not reported:
caseworkers often write case numbers, dates, amounts, legal references and
enterprise numbers, and false alarms teach people to ignore the guard. Public
service numbers (0800, 070, 078, 090x) and phone numbers or addresses given as
those of an institution (``OCMW Gent, Onderbergen 86``) are not reported either.
"""

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.be import bis as stdnum_bis  # people not in the National Register
from stdnum.be import nn as stdnum_nn
from stdnum.be import vat as stdnum_vat  # enterprise (KBO/BCE) and VAT numbers

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


# --- Normalisation: the text a reader sees ---------------------------------------

_BLOCK_TAGS = {
    "p", "br", "div", "li", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "table", "tr", "td", "th", "thead", "tbody", "dt", "dd",
}  # fmt: skip
_DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)
_SEPARATOR_RUN = re.compile(
    r"(?<=[0-9A-Za-z])[ \t./-]*[ \t][ \t./-]*(?=[0-9])|(?<=\d)([./-])\1+(?=\d)"
)


class _TextExtractor(HTMLParser):
    """The visible text of HTML: inline tags vanish, block tags end a line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)

    # Comments, processing instructions and declarations are not shown.
    def handle_comment(self, data):
        pass


def _visible_text(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _ascii_digits(text: str) -> str:
    """Any decimal digit (Arabic-Indic, Devanagari...) as its ASCII digit."""
    return "".join(
        str(unicodedata.decimal(char))
        if not char.isascii() and char.isdecimal()
        else char
        for char in text
    )


def normalise_text(text: str) -> str:
    """The text as a reader sees it, in a form the patterns can match.

    Markdown rendered, tags and comments dropped, entities unescaped (twice, for
    ``&amp;#48;``), format characters (zero-width, soft hyphen, bidi) removed,
    NFKC, every digit ASCII, dashes unified, spaces collapsed and repeated
    separators between digits reduced to one.
    """
    if not text:
        return ""
    html = markdown.markdown(text, extensions=["extra", "sane_lists"])
    visible = _visible_text(_visible_text(html))  # entities written as &amp;#48;
    visible = "".join(char for char in visible if unicodedata.category(char) != "Cf")
    visible = _ascii_digits(unicodedata.normalize("NFKC", visible))
    visible = visible.translate(_DASHES)
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in visible.split("\n")]
    visible = " ".join(line for line in lines if line)
    return _SEPARATOR_RUN.sub(lambda m: m.group(1) or " ", visible)


# --- Patterns ---------------------------------------------------------------------

_SEP = r"[\s./-]?"
# 11 digits as YY.MM.DD-XXX.CC with optional separators.
NATIONAL_NUMBER_RE = re.compile(
    rf"(?<![\d.])\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}(?![\d])"
)
# Country code and check digits, then up to 30 letters/digits in any grouping.
IBAN_START_RE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}")
IBAN_BODY_RE = re.compile(r"(?:[ .-]?[A-Za-z0-9]){10,30}")

_AT = (
    r"(?:\s*@\s*|\s*[\[({]\s*(?:at|@|arobase|apenstaartje)\s*[\])}]\s*|\s+(?:at|AT)\s+)"
)
_DOT = (
    r"(?:\.|\s*[\[({]\s*(?:dot|punt|point|punkt)\s*[\])}]\s*"
    r"|\s+(?:dot|DOT|punt|point)\s+)"
)
EMAIL_RE = re.compile(
    rf"(?<![\w.+-])(?P<local>[\w.+-]+){_AT}"
    rf"(?P<domain>[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,}})\b"
)
_PLAIN_AT = re.compile(r"\s+(?:at|AT)\s+")
_PLAIN_DOT = re.compile(r"\s+(?:dot|DOT|punt|point)\s+")

PHONE_INTERNATIONAL_RE = re.compile(
    r"(?<![\w+])(?:\+|00)\s?32[\s./-]?(?:\(0\)[\s./-]?)?[1-9](?:[\s./-]?\d){7,8}(?![\s./-]?\d)"
)
PHONE_NATIONAL_RE = re.compile(
    r"(?<![\d.,/-])(?:\(0[1-9]\d{0,2}\)|0[1-9]\d{0,2})(?:[\s./-]?\d{2,3}){2,4}(?![\s./-]?\d)"
)
# Non-geographic service numbers: free (0800), shared cost (070, 078), premium (090x).
SERVICE_PREFIXES = ("0800", "070", "078", "090")

# Words that show a number or an address is an institution's, given as such.
INSTITUTION_WORDS = re.compile(
    r"\b(?:OCMW|CPAS|ÖSHZ|OSHZ|OCMW's|FOD|SPF|FPS|POD|SPP|Fedasil|DVZ|"
    r"Vreemdelingenzaken|Office des [ÉE]trangers|Ausländeramt|Gemeentehuis|"
    r"stadhuis|Maison communale|H[ôo]tel de ville|Rathaus|Gemeindeverwaltung|"
    r"administration communale|gemeentebestuur|Agentschap|Inburgering|Integratie|"
    r"Onthaalbureau|Bureau d'accueil|BAPA|CRI\w*|VDAB|Actiris|Forem|ADG|RVA|ONEM|"
    r"LfA|RIZIV|INAMI|Kind en Gezin|Rode Kruis|Croix-Rouge|Rotes Kreuz|Caritas|"
    r"Myria|Unia|Agii|Atlas|ziekenfonds|mutualit[ée]|Krankenkasse|vakbond|syndicat|"
    r"politiezone|zone de police|commissariaat|commissariat|rechtbank|tribunal|"
    r"ambassade|embassy|Botschaft|consula(?:at|t)|Konsulat|helpdesk|infolijn|"
    r"ligne info|callcenter|contact ?cent(?:er|re)|service ?desk|loket|guichet|"
    r"ministerie|minist[èe]re|Ministerium|sociaal huis|maison sociale|"
    r"Wohnungsamt|huisvestingsmaatschappij|soci[ée]t[ée] de logement|"
    r"Justitiehuis|Maison de justice|vzw|asbl|VoG)\b",
    re.IGNORECASE,
)
CONTEXT_WINDOW = 80
# 0403.170.701, BE 0403.170.701: an enterprise number, not a mobile phone.
ENTERPRISE_FORMAT_RE = re.compile(r"\d{4}[ .]\d{3}[ .]\d{3}")
ENTERPRISE_PREFIX_RE = re.compile(
    r"(?:\bBE|KBO|BCE|BTW|TVA|VAT|MwSt|onderneming\w*|entreprise)\W{0,3}$",
    re.IGNORECASE,
)

_CAP = r"[A-ZÀ-ÖØ-ÝÄÖÜ][\w'’-]*"
_NAME = r"[^\W\d_][\w'’-]*"
_NUMBER_WORD = r"(?:(?:nr|no|num|n°|nummer|numéro|Nr)\.?\s?)?"
_HOUSE = (
    rf"{_NUMBER_WORD}\d{{1,4}}(?:\s?[a-zA-Z])?(?:\s?(?:bus|bte|boîte|/)\s?\d{{1,4}})?"
    r"(?![\w%€$£])"
)
# Glued street words, any case: Kerkstraat, kerkstraat, KERKSTRAAT, Kerkstr.
NL_STREETS = (
    "straat",
    "str.",
    "str",
    "laan",
    "steenweg",
    "stwg.",
    "stwg",
    "dreef",
    "kaai",
)
DE_STREETS = ("straße", "strasse", "gasse", "allee", "chaussee")
# Short or common words stay capitalised to count (Grote Markt 3, Vaartweg 2).
NL_STREETS_CAPITALISED = (
    "plein", "lei", "weg", "markt", "baan", "hof", "pad", "dijk", "vest", "singel",
    "vliet", "berg", "veld",
)  # fmt: skip
DE_STREETS_CAPITALISED = ("platz", "ring", "weg")
FR_STREETS = (
    "rue", "avenue", "av.", "boulevard", "bd", "bld.", "chaussée", "chée", "place",
    "quai", "chemin", "allée", "impasse", "square", "route", "drève",
)  # fmt: skip
_FR_PARTICLE = r"(?:(?:de la|de l'|de l’|du|des|de|d'|d’)\s*)?"


def _glued(words, *, any_case: bool) -> str:
    escaped = "|".join(re.escape(word) for word in words)
    if any_case:
        return rf"(?:[^\W\d_][\w'’-]+(?i:{escaped}))"
    return rf"(?:{_CAP}(?:{escaped}))"


def _alone(words) -> str:
    """Grote Markt, Aachener Straße: a capitalised name, then the word."""
    escaped = "|".join(re.escape(word.capitalize()) for word in words)
    return rf"(?:(?:{_CAP}\s)+(?:{escaped}))"


ADDRESS_RES = [
    # Dutch: Kerkstraat 12, kerkstraat nr. 12, Kerkstr. 12, Grote Markt 3, bus 2
    re.compile(
        rf"\b(?:{_glued(NL_STREETS, any_case=True)}|"
        rf"{_glued(NL_STREETS_CAPITALISED, any_case=False)}|"
        rf"{_alone(NL_STREETS + NL_STREETS_CAPITALISED)})\s?{_HOUSE}"
    ),
    # German: Hauptstraße 12, Aachener Straße 5
    re.compile(
        rf"\b(?:{_glued(DE_STREETS, any_case=True)}|"
        rf"{_glued(DE_STREETS_CAPITALISED, any_case=False)}|"
        rf"{_alone(DE_STREETS + DE_STREETS_CAPITALISED)})\s?{_HOUSE}"
    ),
    # French: rue de la Loi 16, avenue Louise 54 bte 3, RUE DE LA LOI 16
    re.compile(
        rf"(?<![\w])(?i:{'|'.join(re.escape(w) for w in FR_STREETS)})\s+"
        rf"(?i:{_FR_PARTICLE}){_NAME}(?:[\s-]{_NAME}){{0,3}},?\s+{_HOUSE}"
    ),
    # French, number first: 16 rue de la Loi
    re.compile(
        rf"\b\d{{1,4}},?\s+(?i:{'|'.join(re.escape(w) for w in FR_STREETS)})\s+"
        rf"(?i:{_FR_PARTICLE}){_NAME}"
    ),
]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def find_personal_data(*texts: str) -> list[Finding]:
    """Every piece of identifying data in the given texts, in order, without repeats."""
    findings: list[Finding] = []
    for text in texts:
        if not text:
            continue
        findings.extend(_find_in(normalise_text(str(text))))
    unique = []
    for finding in findings:
        if finding not in unique:
            unique.append(finding)
    return unique


def _given_as_institutions(text: str, start: int) -> bool:
    """An institution is named just before, in the same sentence."""
    before = text[max(0, start - CONTEXT_WINDOW) : start]
    sentence = re.split(r"[.!?;]\s|\n", before)[-1]
    return bool(INSTITUTION_WORDS.search(sentence))


def _is_enterprise_number(text: str, match) -> bool:
    digits = _digits(match.group(0))
    if len(digits) != 10 or not stdnum_vat.is_valid(digits):
        return False
    before = text[max(0, match.start() - 16) : match.start()]
    return bool(
        ENTERPRISE_FORMAT_RE.fullmatch(match.group(0))
        or ENTERPRISE_PREFIX_RE.search(before)
    )


def _is_public_number(national: str) -> bool:
    """A service number, or one of settings.PRIVACY_PUBLIC_PHONE_NUMBERS."""
    public = {
        _national_digits(n)
        for n in getattr(settings, "PRIVACY_PUBLIC_PHONE_NUMBERS", ())
    }
    return national.startswith(SERVICE_PREFIXES) or national in public


def _national_digits(number: str) -> str:
    """``+32 2 508 85 85`` and ``02 508 85 85`` -> ``025088585``."""
    digits = _digits(number)
    if number.strip().startswith(("+32", "0032")):
        digits = "0" + digits.removeprefix("00").removeprefix("32")
    return digits


def _iban_matches(text: str):
    """(start, end, valid) of every IBAN-shaped run; valid ones cut to the IBAN."""
    for start in IBAN_START_RE.finditer(text):
        body = IBAN_BODY_RE.match(text, start.end())
        if not body:
            continue
        candidate = text[start.start() : body.end()]
        # Try the longest run first, then shorter: the IBAN may run into a word.
        ends = [i + 1 for i, c in enumerate(candidate) if c.isalnum() and i >= 13]
        valid_end = next(
            (
                end
                for end in reversed(ends)
                if stdnum_iban.is_valid(
                    re.sub(r"[^A-Za-z0-9]", "", candidate[:end]).upper()
                )
            ),
            None,
        )
        if valid_end:
            yield start.start(), start.start() + valid_end, True
        else:
            yield start.start(), body.end(), False


def _find_in(text: str) -> list[Finding]:
    found: list[tuple[int, Finding]] = []
    taken: list[tuple[int, int]] = []

    def add(span, kind, shown=None):
        start, end = span
        if any(start < t_end and end > t_start for t_start, t_end in taken):
            return
        taken.append((start, end))
        found.append((start, Finding(kind, (shown or text[start:end]).strip())))

    for match in NATIONAL_NUMBER_RE.finditer(text):
        number = _digits(match.group(0))
        if stdnum_nn.is_valid(number):
            add(match.span(), "national_number")
        elif stdnum_bis.is_valid(number):
            add(match.span(), "bis_number")
    for start, end, valid in _iban_matches(text):
        if valid:
            add((start, end), "iban")
        else:  # an account number with a typo: its digits are no phone number
            taken.append((start, end))
    for match in EMAIL_RE.finditer(text):
        domain = match.group("domain")
        plain_at = _PLAIN_AT.fullmatch(text[match.end("local") : match.start("domain")])
        # "jan at example dot com" counts; "meet at home.com" is too uncertain.
        if plain_at and not _PLAIN_DOT.search(domain):
            continue
        add(match.span(), "email")
    for match in PHONE_INTERNATIONAL_RE.finditer(text):
        national = "0" + _digits(match.group(0))[2:].lstrip("0")
        if _is_public_number(national) or _given_as_institutions(text, match.start()):
            taken.append(match.span())
            continue
        add(match.span(), "phone")
    for match in PHONE_NATIONAL_RE.finditer(text):
        digits = _digits(match.group(0))
        if (
            _is_public_number(digits)
            or _is_enterprise_number(text, match)
            or _given_as_institutions(text, match.start())
        ):
            continue
        # Belgian numbers: 9 digits (landline) or 10 starting with 04 (mobile).
        if len(digits) == 9 or (len(digits) == 10 and digits.startswith("04")):
            add(match.span(), "phone")
    for pattern in ADDRESS_RES:
        for match in pattern.finditer(text):
            if not _given_as_institutions(text, match.start()):
                add(match.span(), "address")
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


def privacy_check_fields(**fields) -> None:
    """Like ``privacy_check``, with each finding tied to its field (for forms).

    ``privacy_check_fields(title=..., note=...)`` raises one ValidationError whose
    ``error_dict`` names every field that carries personal data.
    """
    errors = {}
    for name, value in fields.items():
        findings = find_personal_data(value) if isinstance(value, str) else []
        if findings:
            errors[name] = ValidationError(
                findings_message(findings),
                code="personal_data",
                params={"findings": findings},
            )
    if errors:
        raise ValidationError(errors)


def stream_texts(value) -> list[str]:
    """Every string inside a StreamField value's raw data (blocks, lists, structs)."""
    raw = getattr(value, "raw_data", value)
    texts: list[str] = []

    def walk(item):
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                if key not in ("id", "type"):
                    walk(inner)
        elif isinstance(item, (list, tuple)):
            for inner in item:
                walk(inner)
        elif hasattr(item, "source"):  # RichText
            texts.append(item.source)

    walk(list(raw) if raw is not None else [])
    return texts
