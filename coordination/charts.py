"""Trend charts drawn on the server as SVG with pygal (no script in the page)."""

from xml.etree import ElementTree

import pygal
from django.utils import formats
from pygal.style import Style

# Dark bars on white: contrast above 4.5:1 for text and 3:1 for the bars.
CHART_STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#595959",
    colors=("#1d4f91",),
    font_family="sans-serif",
)


def month_label(month) -> str:
    return formats.date_format(month, "YEAR_MONTH_FORMAT")


def trend_svg(*, title: str, series: list[tuple]) -> bytes:
    """A bar chart of one monthly series, as a stand-alone SVG document."""
    chart = pygal.Bar(
        style=CHART_STYLE,
        title=title,
        show_legend=False,
        js=[],  # no external script: the chart is an image
        width=720,
        height=320,
        x_label_rotation=30,
        print_values=False,
    )
    chart.x_labels = [month_label(month) for month, _count in series]
    chart.add(title, [count for _month, count in series])
    svg = chart.render_tree()
    # pygal always embeds a small configuration script; an image needs none.
    for parent in svg.iter():
        for child in list(parent):
            if child.tag == "script":
                parent.remove(child)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(
        svg, encoding="utf-8", xml_declaration=False
    )
