"""The values an inconsistency sets against each other, in words, and which one a source backs.

An inconsistency claim carries one fact from claims/extraction/consistency.py: a month_mismatch
("حزيران/يوليو": June and July at once), a weekday_mismatch (a weekday its date never fell on) or
a figure_conflict (one figure reported two ways). Each value gets a stable key, stored on the
outcome (`Verdict.should_say`), and is put in words in the reader's language when it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from claims.checking import EQUAL, match_value
from claims.extraction import extract_facts
from claims.formatting import day_text, fact_view, month_name, weekday_name
from claims.models import Claim, Snapshot

VALUE_TYPES = ("money", "percent", "quantity")
# A long page is read up to here for figures: the suggestion is a hint, never a verdict.
SOURCE_TEXT_LIMIT = 200_000


@dataclass(frozen=True)
class ConflictValue:
    key: str
    label: str  # in words, in the interface language


@dataclass(frozen=True)
class Suggestion:
    snapshot_id: int
    key: str
    value: str
    sentence: str


def inconsistency_fact(claim: Claim) -> dict:
    facts = claim.facts if isinstance(claim.facts, list) else []
    return next((fact for fact in facts if isinstance(fact, dict) and "type" in fact), {})


def _figure(text: str) -> dict | None:
    return next((f for f in extract_facts(text) if f.get("type") in VALUE_TYPES), None)


def _figure_texts(claim: Claim, fact: dict) -> list[tuple[str, str]]:
    """(key, text as the article writes it): the earlier figure first, then this one."""
    body = claim.article.body
    here = fact.get("text") or claim.text
    start, end = fact.get("other_start"), fact.get("other_end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body)):
        return [("figure-here", here)]
    return [("figure-earlier", body[start:end]), ("figure-here", here)]


def conflict_values(claim: Claim) -> list[ConflictValue]:
    """The values the article gives, one of which it should say; empty for other claims."""
    if claim.kind != Claim.Kind.INCONSISTENCY:
        return []
    fact = inconsistency_fact(claim)
    kind = fact.get("type")
    if kind == "month_mismatch":
        months = [m for m in fact.get("months") or [] if isinstance(m, int) and 1 <= m <= 12]
        return [ConflictValue(f"month-{m}", month_name(m)) for m in dict.fromkeys(months)]
    if kind == "weekday_mismatch":
        days = [fact.get("expected_weekday"), fact.get("weekday")]
        days = [d for d in days if isinstance(d, int) and 0 <= d <= 6]
        return [ConflictValue(f"weekday-{d}", weekday_name(d)) for d in dict.fromkeys(days)]
    if kind == "figure_conflict":
        values = []
        for key, written in _figure_texts(claim, fact):
            figure = _figure(written)
            values.append(ConflictValue(key, fact_view(figure).text if figure else written))
        return values
    return []


def value_label(claim: Claim, key: str) -> str:
    return next((value.label for value in conflict_values(claim) if value.key == key), key)


def _latest_snapshots(claim: Claim) -> list[Snapshot]:
    latest: dict[int, Snapshot] = {}
    for snapshot in (
        Snapshot.objects.filter(source__citations__claim=claim)
        .select_related("source")
        .order_by("fetched_at", "id")
    ):
        latest[snapshot.source_id] = snapshot
    return sorted(latest.values(), key=lambda snapshot: snapshot.pk)


def _sentence(snapshot: Snapshot, value: str) -> str:
    if snapshot.published_on:
        return _("A source dated %(date)s backs %(value)s.") % {
            "date": day_text(snapshot.published_on),
            "value": value,
        }
    return _("A source, %(source)s, backs %(value)s.") % {
        "source": snapshot.title or snapshot.source.host,
        "value": value,
    }


def _dates(text: str) -> list[dict]:
    return [f for f in extract_facts(text[:SOURCE_TEXT_LIMIT]) if f.get("type") == "date"]


def _same_day(article_date: dict, seen: dict) -> bool:
    if not article_date.get("day") or seen.get("day") != article_date["day"]:
        return False
    years = (article_date.get("year"), seen.get("year"))
    return None in years or years[0] == years[1]


def _article_date(claim: Claim, fact: dict) -> dict | None:
    """The date the slip sits in: "19 حزيران/يوليو 2022" around "حزيران/يوليو"."""
    if fact.get("type") == "weekday_mismatch":
        return next(iter(_dates(fact.get("text") or "")), None)
    body = claim.article.body
    around = body[max(0, claim.start - 40) : claim.end + 40]
    offset = max(0, claim.start - 40)
    return next(
        (
            f
            for f in _dates(around)
            if f["start"] + offset <= claim.start and f["end"] + offset >= claim.end
        ),
        None,
    )


def _backed_by_text(claim: Claim, fact: dict, snapshot: Snapshot, values) -> str | None:
    """The source gives the same day with one month (or one weekday) of the two."""
    article_date = _article_date(claim, fact)
    if article_date is None or not snapshot.text:
        return None
    found = set()
    for seen in _dates(snapshot.text):
        if not _same_day(article_date, seen):
            continue
        if fact.get("type") == "month_mismatch" and seen.get("month"):
            found.add(f"month-{seen['month']}")
        elif seen.get("month") == article_date.get("month") and seen.get("weekday") is not None:
            found.add(f"weekday-{seen['weekday']}")
    found &= set(values)
    return found.pop() if len(found) == 1 else None


def _backed_key(claim: Claim, fact: dict, snapshot: Snapshot, values) -> str | None:
    kind = fact.get("type")
    if kind == "month_mismatch" and snapshot.published_on:
        # A dispatch dated 19 July about the same call settles "June/July" as July.
        key = f"month-{snapshot.published_on.month}"
        if key in values:
            return key
    if kind in ("month_mismatch", "weekday_mismatch"):
        return _backed_by_text(claim, fact, snapshot, values)
    if kind == "figure_conflict" and snapshot.text:
        source_facts = extract_facts(snapshot.text[:SOURCE_TEXT_LIMIT])
        backed = []
        for key, written in _figure_texts(claim, fact):
            figure = _figure(written)
            if figure is not None and match_value(figure, source_facts)[0] == EQUAL:
                backed.append(key)
        return backed[0] if len(backed) == 1 else None  # both or neither: nothing settled
    return None


def source_suggestions(claim: Claim) -> list[Suggestion]:
    """One suggestion per cited source whose latest snapshot backs exactly one of the values."""
    values = {value.key: value.label for value in conflict_values(claim)}
    if len(values) < 2:
        return []
    fact = inconsistency_fact(claim)
    suggestions = []
    for snapshot in _latest_snapshots(claim):
        key = _backed_key(claim, fact, snapshot, values)
        if key is not None:
            label = values[key]
            suggestions.append(Suggestion(snapshot.pk, key, label, _sentence(snapshot, label)))
    return suggestions
