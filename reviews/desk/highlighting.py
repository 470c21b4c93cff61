"""An article's text with its claims and facts marked, and facts as table rows."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from claims.formatting import fact_view
from claims.models import Claim


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    tag: str
    attrs: dict


def _open_tag(mark: Mark, first: bool) -> str:
    attrs = dict(mark.attrs)
    if not first:
        attrs.pop("id", None)  # a mark split by a crossing one keeps its id on the first piece
    rendered = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())
    return f"<{mark.tag}{rendered}>"


def highlighted_html(text: str, marks: Iterable[Mark], offset: int = 0) -> SafeString:
    """Wrap spans of `text` in elements, escaping every text segment.

    Spans may nest (a fact inside its claim) or cross (two overlapping claims): a crossing span is
    closed and reopened so the markup stays well-formed. `offset` is where `text` starts in the
    article, because spans are offsets into the whole body.
    """
    size = len(text)
    spans = []
    for mark in marks:
        start, end = max(mark.start - offset, 0), min(mark.end - offset, size)
        if end > start:
            spans.append(Mark(start, end, mark.tag, mark.attrs))
    # Outer first at one position: longer spans open before shorter ones.
    spans.sort(key=lambda m: (m.start, -m.end))
    points = sorted({0, size, *(m.start for m in spans), *(m.end for m in spans)})
    out: list[str] = []
    stack: list[Mark] = []
    opened: set[int] = set()
    pending = list(reversed(spans))
    for index, point in enumerate(points):
        ending = [m for m in stack if m.end == point]
        if ending:
            reopen: list[Mark] = []
            while any(m.end == point for m in stack):
                top = stack.pop()
                out.append(f"</{top.tag}>")
                if top.end != point:
                    reopen.append(top)
            for mark in reversed(reopen):
                out.append(_open_tag(mark, first=False))
                stack.append(mark)
        while pending and pending[-1].start == point:
            mark = pending.pop()
            out.append(_open_tag(mark, first=id(mark) not in opened))
            opened.add(id(mark))
            stack.append(mark)
        if index + 1 < len(points):
            out.append(escape(text[point : points[index + 1]]))
    for mark in reversed(stack):
        out.append(f"</{mark.tag}>")
    return mark_safe("".join(out))  # noqa: S308 - every text segment and attribute is escaped above


def claim_marks(claims: Iterable[Claim], focus: Claim | None = None) -> list[Mark]:
    """The claims of an article and, inside them, their facts."""
    marks = []
    for claim in claims:
        classes = ["claim", f"claim-{claim.kind}"]
        if claim.kind == Claim.Kind.INCONSISTENCY:
            classes.append("flag")
        if focus is not None:
            classes.append("focus" if claim.pk == focus.pk else "context")
        marks.append(
            Mark(
                claim.start,
                claim.end,
                "mark",
                {
                    "class": " ".join(classes),
                    "id": f"claim-{claim.pk}",
                    "data-claim": str(claim.pk),
                    "title": claim.get_kind_display(),
                },
            )
        )
        if claim.kind == Claim.Kind.INCONSISTENCY:
            continue
        for fact in claim.facts or []:
            start, end = fact.get("start"), fact.get("end")
            if isinstance(start, int) and isinstance(end, int) and claim.start <= start < end:
                marks.append(
                    Mark(
                        start,
                        min(end, claim.end),
                        "span",
                        {
                            "class": f"fact fact-{fact.get('type', 'other')}",
                            # The fact in words on hover, never its type key.
                            "title": fact_view(fact).text or fact_view(fact).label,
                        },
                    )
                )
    return marks


def text_direction(language: str) -> str:
    return {"ar": "rtl", "en": "ltr"}.get(language or "", "auto")
