"""Coverage of the network: which municipalities have a specialist, per area.

Everything is computed from two queries (municipalities, current designations), so
the dashboard and its exports cost the same whatever the number of specialists.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Designation, DesignationRole, Municipality, Province, Region

ENDING_SOON_DAYS = 60


class Coverage(TextChoices):
    VERIFIED = "verified", _("Verified specialist")
    DEPUTY = "deputy", _("Deputy only")
    ENDING = "ending", _("Ending within 60 days")
    NONE = "none", _("No specialist")


@dataclass
class MunicipalityCoverage:
    municipality: Municipality
    status: str
    specialists: list = field(default_factory=list)
    ends_on: date | None = None

    @property
    def status_label(self):
        return Coverage(self.status).label


def municipality_coverage(*, on: date | None = None) -> list[MunicipalityCoverage]:
    """Status of every municipality on ``on`` (today).

    ``ending``: covered, but every designation in force ends within 60 days.
    """
    on = on or timezone.localdate()
    soon = on + timedelta(days=ENDING_SOON_DAYS)
    through = Designation.municipalities.through
    links = (
        through.objects.filter(designation__in=Designation.objects.current(on))
        .select_related("designation", "designation__user")
        .order_by("designation__role", "designation__start_date")
    )
    by_municipality = defaultdict(list)
    for link in links:
        by_municipality[link.municipality_id].append(link.designation)
    rows = []
    for municipality in Municipality.objects.select_related("province", "region"):
        designations = by_municipality.get(municipality.pk, [])
        ends = [d.end_date for d in designations]
        ends_on = None
        if not designations:
            status = Coverage.NONE
        elif all(end is not None and end <= soon for end in ends):
            status = Coverage.ENDING
            ends_on = max(ends)
        elif any(d.role == DesignationRole.PRIMARY for d in designations):
            status = Coverage.VERIFIED
        else:
            status = Coverage.DEPUTY
        rows.append(
            MunicipalityCoverage(
                municipality=municipality,
                status=status,
                specialists=[d.user for d in designations],
                ends_on=ends_on,
            )
        )
    return rows


@dataclass
class AreaCoverage:
    """Counts of one province (or Brussels, which has none) or region."""

    key: str
    name: str
    region: Region | None = None
    province: Province | None = None
    counts: dict = field(default_factory=lambda: {c.value: 0 for c in Coverage})

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def covered(self) -> int:
        return self.total - self.counts[Coverage.NONE]

    @property
    def percent_covered(self) -> int:
        return round(100 * self.covered / self.total) if self.total else 0

    @property
    def shade(self) -> int:
        """0-4, for the choropleth's fill classes."""
        return min(4, self.percent_covered // 20)

    def __getattr__(self, name):
        # ``area.none``, ``area.verified``... for templates and sorting.
        counts = self.__dict__.get("counts", {})
        if name in counts:
            return counts[name]
        raise AttributeError(name)


SORT_KEYS = ("name", "verified", "deputy", "ending", "none", "percent_covered")


def area_coverage(
    rows: list[MunicipalityCoverage], *, by: str = "province"
) -> list[AreaCoverage]:
    """Counts per province (Brussels-Capital as one area) or per region."""
    areas: dict[str, AreaCoverage] = {}
    for row in rows:
        m = row.municipality
        if by == "region" or m.province is None:
            key, name = f"region-{m.region.slug}", m.region.name
            area = areas.setdefault(key, AreaCoverage(key, name, region=m.region))
        else:
            key, name = f"province-{m.province.code}", m.province.name
            area = areas.setdefault(
                key, AreaCoverage(key, name, region=m.region, province=m.province)
            )
        area.counts[row.status] += 1
    return sorted(areas.values(), key=lambda a: a.name)


def sort_areas(areas: list[AreaCoverage], sort: str) -> list[AreaCoverage]:
    """Sort by a column; ``-column`` descending. Unknown columns sort by name."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORT_KEYS:
        return areas
    if key == "name":
        return sorted(areas, key=lambda a: a.name.lower(), reverse=descending)
    return sorted(areas, key=lambda a: (getattr(a, key), a.name), reverse=descending)


def totals(rows: list[MunicipalityCoverage]) -> AreaCoverage:
    total = AreaCoverage("belgium", str(_("Belgium")))
    for row in rows:
        total.counts[row.status] += 1
    return total


def gap_refnis(rows: list[MunicipalityCoverage]) -> list[str]:
    """REFNIS codes of municipalities without any specialist."""
    return sorted(r.municipality.refnis for r in rows if r.status == Coverage.NONE)


# A schematic tile map of Belgium: (column, row) of each province, Brussels in the
# middle. Municipality boundaries are not needed to see where the holes are.
TILE_LAYOUT = {
    "province-30000": (0, 0),  # West Flanders
    "province-40000": (1, 0),  # East Flanders
    "province-10000": (2, 0),  # Antwerp
    "province-70000": (3, 0),  # Limburg
    "province-50000": (0, 1),  # Hainaut
    "province-20001": (1, 1),  # Flemish Brabant
    "region-brussels": (2, 1),
    "province-60000": (3, 1),  # Liège
    "province-20002": (1, 2),  # Walloon Brabant
    "province-90000": (2, 2),  # Namur
    "province-80000": (3, 2),  # Luxembourg
}
TILE_WIDTH, TILE_HEIGHT, TILE_GAP = 170, 80, 8
_PREFIXES = ("Provincie ", "Province de ", "Province du ", "Province d’", "Provinz ")


def short_area_name(area: AreaCoverage) -> str:
    if area.province is None:
        return str(_("Brussels"))
    name = area.name
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def map_tiles(areas: list[AreaCoverage]) -> list[dict]:
    """Positioned tiles for the server-rendered SVG choropleth."""
    tiles = []
    for area in areas:
        position = TILE_LAYOUT.get(area.key)
        if position is None:
            continue
        column, row = position
        x = column * (TILE_WIDTH + TILE_GAP)
        y = row * (TILE_HEIGHT + TILE_GAP)
        tiles.append(
            {
                "area": area,
                "label": short_area_name(area),
                "x": x,
                "y": y,
                "cx": x + TILE_WIDTH // 2,
                "width": TILE_WIDTH,
                "height": TILE_HEIGHT,
            }
        )
    return tiles


MAP_WIDTH = 4 * TILE_WIDTH + 3 * TILE_GAP
MAP_HEIGHT = 3 * TILE_HEIGHT + 2 * TILE_GAP
