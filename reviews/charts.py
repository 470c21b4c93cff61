"""Small charts drawn on the server as inline SVG: no script, nothing to load, readable in print."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import ngettext

WIDTH, HEIGHT, GAP = 240, 48, 2


def weekly_bars_svg(series: list[tuple[datetime.date, int]]) -> SafeString:
    """One bar per week; each bar has a <title> so a pointer or a screen reader can read it."""
    peak = max((count for _, count in series), default=0) or 1
    bar = (WIDTH - GAP * (len(series) - 1)) / max(len(series), 1)
    rows = []
    for index, (week, count) in enumerate(series):
        height = round((HEIGHT - 2) * count / peak, 1) if count else 0
        label = ngettext(
            "week of %(date)s: %(count)d time", "week of %(date)s: %(count)d times", count
        ) % {"date": date_format(week, "SHORT_DATE_FORMAT"), "count": count}
        rows.append((round(index * (bar + GAP), 1), round(HEIGHT - height, 1), round(bar, 1),
                     height, label))  # fmt: skip
    total = sum(count for _, count in series)
    summary = ngettext(
        "Came back %(count)d time in the last %(weeks)d weeks",
        "Came back %(count)d times in the last %(weeks)d weeks",
        total,
    ) % {"count": total, "weeks": len(series)}
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" class="bar"><title>{}</title></rect>',
        rows,
    )
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}">'
        '<line x1="0" y1="{}" x2="{}" y2="{}" class="axis"/>{}</svg>',
        summary, WIDTH, HEIGHT, WIDTH, HEIGHT, HEIGHT - 0.5, WIDTH, HEIGHT - 0.5, bars,
    )  # fmt: skip
