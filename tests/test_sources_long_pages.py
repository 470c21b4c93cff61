"""Matching against a long page reads only the passages carrying the claim's figures, names or
words, and finds what reading the whole page finds."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.checking import SourceText, check_claim
from claims.extraction import extract_facts
from claims.extraction.normalize import norm
from claims.extraction.numbers import parse_digits
from claims.passages import WHOLE_TEXT_CHARS, LongSourceText, Vocabulary

ARABIC_CLAIM = "وقّعت إيران وروسيا صفقة بنحو 40 مليار دولار في حزيران/يوليو، بحسب ما قال الكرملين."
ENGLISH_CLAIM = (
    "Iran and Russia signed a deal worth about $40bn on July 19, 2022, the Kremlin said."
)
FILLER = (
    "Report {n}: the ministry said on Tuesday that exports rose {p}% to ${b}m in the first half, "
    "while analysts expected growth of about {q} percent over {m} months.\n"
)


def long_page(*passages: str, lines: int = 400) -> str:
    """Filler lines with `passages` spread through them."""
    body = [
        FILLER.format(n=n, p=n % 9 + 1, b=n % 7 + 60, q=n % 7 + 1, m=n % 11 + 2)
        for n in range(lines)
    ]
    for index, passage in enumerate(passages):
        body.insert((index + 1) * lines // (len(passages) + 1), passage + "\n")
    text = "".join(body)
    assert len(text) > WHOLE_TEXT_CHARS
    return text


def both(claim_text: str, text: str):
    facts = extract_facts(claim_text)
    whole = SourceText(text=text, facts=extract_facts(text))
    long = SourceText.of(text)
    assert isinstance(long, LongSourceText)
    return (
        check_claim(claim_text=claim_text, claim_facts=facts, source=whole),
        check_claim(claim_text=claim_text, claim_facts=facts, source=long),
        long,
    )


def results(check) -> list[tuple[str, str, str | None]]:
    return [(row["type"], row["result"], row["seen"]) for row in check.facts]


@pytest.mark.parametrize(
    "passage",
    [
        "Iran and Russia signed a $40bn gas deal on July 19, 2022, the Kremlin said.",
        "The two countries agreed a deal worth forty billion dollars on 19 July 2022, the Kremlin said.",
        "وقال الكرملين إن إيران وروسيا وقعتا صفقة بقيمة ٤٠ مليار دولار في تموز/يوليو ٢٠٢٢.",
        "وقال الكرملين إن الصفقة بلغت ۴۰ مليار دولار في يوليو ۲۰۲۲.",
        "وقال الكرملين إن قيمة الصفقة أربعين مليار دولار في يوليو 2022.",
    ],
)
def test_it_finds_the_figure_in_any_script_or_spelling(passage):
    whole, long, _ = both(ARABIC_CLAIM, long_page(passage))

    assert results(long) == results(whole)
    assert long.stance == whole.stance == "supports"
    assert long.passages == whole.passages


def test_it_finds_a_contradicting_figure_where_the_page_tells_the_same_story():
    passage = "Iran and Russia signed a $4bn gas deal on July 19, 2022, the Kremlin said."

    whole, long, _ = both(ENGLISH_CLAIM, long_page(passage))

    assert by_type(long, "money")["result"] == "different"
    assert by_type(long, "money")["seen"] == "$4bn"
    assert results(long) == results(whole)
    assert long.stance == whole.stance != "supports"  # the money disagrees


def test_it_says_not_found_on_a_long_page_about_something_else():
    whole, long, _ = both(ENGLISH_CLAIM, long_page())

    assert long.stance == whole.stance == "not_found"


def test_it_reads_only_the_lines_that_carry_the_claim(monkeypatch):
    import claims.passages

    read: list[str] = []
    real = claims.passages.extract_facts

    def spy(text, language=None):
        read.append(text)
        return real(text, language)

    monkeypatch.setattr(claims.passages, "extract_facts", spy)
    passage = "Iran and Russia signed a $40bn gas deal on July 19, 2022, the Kremlin said."
    text = long_page(passage, lines=2000)

    result = check_claim(
        claim_text=ENGLISH_CLAIM,
        claim_facts=extract_facts(ENGLISH_CLAIM),
        source=SourceText.of(text),
    )

    assert result.stance == "supports"
    assert sum(map(len, read)) < len(text) / 50
    assert any(passage in chunk for chunk in read)


def test_it_reads_a_line_once_for_every_claim_citing_the_page(monkeypatch):
    import claims.passages

    calls: list[str] = []
    real = claims.passages.extract_facts
    monkeypatch.setattr(
        claims.passages,
        "extract_facts",
        lambda text, language=None: calls.append(text) or real(text),
    )
    source = SourceText.of(long_page("Iran and Russia signed a $40bn gas deal, the Kremlin said."))

    for _ in range(3):
        check_claim(
            claim_text=ENGLISH_CLAIM, claim_facts=extract_facts(ENGLISH_CLAIM), source=source
        )

    assert len(calls) == len(set(calls))


def test_it_keeps_offsets_into_the_whole_text():
    passage = "Iran and Russia signed a $40bn gas deal on July 19, 2022, the Kremlin said."
    text = long_page(passage)

    _, long, _ = both(ENGLISH_CLAIM, text)

    money = by_type(long, "money")
    span = money["seen_span"]
    assert text[span["start"] : span["end"]] == "$40bn"
    assert passage in text[money["passage"]["start"] : money["passage"]["end"] + 1]


def by_type(result, kind: str) -> dict:
    return next(row for row in result.facts if row["type"] == kind)


_TOKEN_PIECES = [
    "said", "Kremlin", "الكرملين", "وأربعين", "تموز", "July", "don", "t", "12", "2022", "١٢",
    "۴۰", "٤٠", "1", "500", "²", "_", "x9", "40bn", "$", "&", "@", "#", "+", "'", "’", "«", "»",
    ".", ",", ":", ";", "(", ")", "%", "٪", "،", "؛", "؟", "-", "–", "/", "*", "…", "“", " ",
]  # fmt: skip


def vocabulary_by_expressions(text: str) -> tuple[dict, dict]:
    """What Vocabulary holds, found with the two regular expressions alone (no shortcuts)."""
    words: dict[str, set[str]] = {}
    by_value: dict[float, set[str]] = {}
    for raw in set(text.split()):
        low = raw.lower() if raw.isascii() else norm(raw).lower()
        for run in re.findall(r"\d+(?:[.,،]\d+)*", low):
            value = float(run) if run.isdigit() else parse_digits(run)
            if value is not None:
                by_value.setdefault(value, set()).add(raw)
        for word in re.findall(r"\w+", low):
            if not word.isdigit():
                words.setdefault(word, set()).add(raw)
    return words, by_value


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKEN_PIECES), max_size=60).map("".join))
def test_the_vocabulary_shortcuts_find_what_the_expressions_find(text):
    vocabulary = Vocabulary(text)

    assert (vocabulary.words, vocabulary.by_value) == vocabulary_by_expressions(text)
