"""The anchored searches (claims/extraction/anchored.py and the prefilters beside the scanners)
find exactly what the plain whole-text searches find: on the corpus and on generated soups
of the words the patterns care about. A pattern changed so that a match can start at a word
its anchor does not list fails here."""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import attribution, dates, language, measures, quantities, rates, shares
from claims.extraction.anchored import from_candidates, near_word, starting_at
from claims.extraction.normalize import normalize

CORPUS = Path(__file__).parent / "extraction_corpus"

_PIECES = [
    "اليوم", "أمس", "الأمس", "غدا", "يوم", "الأربعاء", "الاثنين", "الماضي", "المقبل", "الشهر",
    "العام", "هذا", "هذه", "أول", "الأول", "الجاري", "واليوم", "يومين", "عامين", "قال", "وقالت",
    "فأعلن", "استقال", "وفقا ل", "وفقاً للبيان", "بحسب", "نقلا عن", "ما", "به", "تموز", "يوليو",
    "آب", "كتاب", "مارس", "كانون الثاني", "أيار/مايو", "الموافق", "من", "شهر", "و", "رمضان",
    "ذي الحجة", "1445 هـ", "Today", "today", "Wednesday", "Wed.", "last", "Last", "next", "this",
    "week", "month", "year", "yesterday", "July", "Jul.", "May", "Marching", "Sept", "the", "of",
    "3rd", "19", "2022", "2019-21", "19/07/2022", "2022-07-19", "1.2.2020", "2,000", "2.5", "%",
    "dollar", "per euro", "جنيه إسترليني", "euro", "yen", "half", "behalf", "ربع", "الأربعاء",
    "أرباع", "quarter", "², ", ",", "،", "(", ")", " ", " ", "  ", "         ", "\n", "x", "é",
]  # fmt: skip
soup = st.lists(st.sampled_from(_PIECES), max_size=40).map(lambda p: normalize("".join(p)).text)


def _texts() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        stack = [data]
        while stack:
            x = stack.pop()
            if isinstance(x, str) and len(x) > 40:
                out.append(normalize(x).text)
            elif isinstance(x, dict):
                stack.extend(x.values())
            elif isinstance(x, list):
                stack.extend(x)
    return out


def _sig(matches) -> list:
    return [(m.span(), m.groups()) for m in matches]


def _same(t: str) -> None:
    assert _sig(starting_at(dates._REL_AR, dates._REL_AR_WORD, t)) == _sig(
        dates._REL_AR.finditer(t)
    )
    assert _sig(starting_at(dates._REL_EN, dates._REL_EN_WORD, t)) == _sig(
        dates._REL_EN.finditer(t)
    )
    assert _sig(starting_at(attribution.AR_ATTR, attribution._AR_ATTR_WORD, t, "وف")) == _sig(
        attribution.AR_ATTR.finditer(t)
    )
    assert _sig(from_candidates(dates._YEAR, dates._YEAR_CANDIDATE, t)) == _sig(
        dates._YEAR.finditer(t)
    )
    assert _sig(dates._en_dates(t)) == _sig(dates._EN_DATE.finditer(t))
    for pos in range(0, len(t) + 1, max(1, len(t) // 7)):
        found = near_word(dates._AR_DATE, dates._AR_MONTH_WORD, t, pos, "و")
        assert _sig([found] if found else []) == _sig(
            [m] if (m := dates._AR_DATE.search(t, pos)) else []
        )
    assert rates._anchors(t) == [m.start() for m in rates._PER_ANCHOR.finditer(t)]
    if dates._NUMERIC_DATE.search(t):
        assert dates._NUMERIC_HINT.search(t)
    if dates._HIJRI_RE.search(t):
        assert any(w in t for w in dates._HIJRI_WORDS)
    if quantities.DUAL_RE.search(t):
        assert any(w in t for w in quantities.DUAL_OF)
    alone = any(measures._bounded(t, *m.span()) for m in measures._FRACTION_ANCHOR.finditer(t))
    assert shares.scan_shares(t, [])[2] == alone
    sample = t[:6000]
    assert language._letters(sample) == (
        sum(map(len, language._ARABIC.findall(sample))),
        sum(map(len, language._LATIN.findall(sample))),
    )


def test_anchored_searches_match_the_plain_ones_on_the_corpus():
    texts = _texts()
    assert len(texts) > 40
    for t in texts:
        _same(t)


@settings(max_examples=300, deadline=None)
@given(soup)
def test_anchored_searches_match_the_plain_ones_on_word_soups(t):
    _same(t)
