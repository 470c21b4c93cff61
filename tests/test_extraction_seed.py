"""Golden test: the seed article (Putin–Raisi call), offsets as in CONTRACTS.md §2."""

import json
from pathlib import Path

import pytest

from claims.extraction import ExtractionError, extract

SEED = Path(__file__).resolve().parent.parent / "claims" / "demo" / "putin-raisi-call.ar.txt"


@pytest.fixture(scope="module")
def text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def result(text):
    return extract(text)


def _facts(result, kind):
    return [f for f in result.facts if f["type"] == kind]


def test_it_detects_arabic(result):
    assert result.language == "ar"


def test_it_finds_the_deal_value_in_a_money_claim(result):
    claim = next(c for c in result.claims if c.start == 1962)
    assert (claim.start, claim.end, claim.kind) == (1962, 2188, "money")
    assert claim.checkworthiness >= 0.8
    money = next(f for f in claim.facts if f["type"] == "money")
    assert money["start"] == 2041 and money["end"] == 2060
    assert money["text"] == "بنحو 40 مليار دولار"
    assert money["value"] == 40_000_000_000
    assert money["currency"] == "USD"
    assert money["approximate"] is True


def test_it_keeps_the_disagreeing_dual_month(result):
    date = next(f for f in result.facts if f["type"] == "date" and f["start"] == 2168)
    assert (date["end"], date["text"]) == (2180, "حزيران/يوليو")
    assert date["month"] is None and date["months"] == [6, 7]
    claim = next(c for c in result.claims if c.start == 1962)
    assert date in claim.facts


def test_it_flags_exactly_one_month_mismatch(result):
    mismatches = [i for i in result.inconsistencies if i["type"] == "month_mismatch"]
    assert len(mismatches) == 1
    m = mismatches[0]
    assert (m["start"], m["end"], m["text"]) == (2168, 2180, "حزيران/يوليو")
    assert m["detail"] == "حزيران is June (6) but يوليو is July (7)"


def test_it_reads_consistent_dual_months_without_flagging(result):
    months = {f["text"]: f["month"] for f in _facts(result, "date")}
    assert months["تشرين الأول/أكتوبر"] == 10
    assert months["تشرين الثاني/نوفمبر"] == 11
    flagged = {i["text"] for i in result.inconsistencies}
    assert "تشرين الأول/أكتوبر" not in flagged and "تشرين الثاني/نوفمبر" not in flagged


def test_it_finds_the_year_and_the_duration(result):
    assert any(f.get("year") == 2017 for f in _facts(result, "date"))
    q = [f for f in _facts(result, "quantity") if f["value"] == 6 and f["unit"] == "month"]
    assert q and q[0]["text"] == "6 أشهر"


def test_it_finds_speakers(result):
    speakers = {f["speaker"] for f in _facts(result, "attribution")}
    assert "الكرملين" in speakers
    assert "الجانب الإيراني" in speakers
    assert any("أحمد أسد زاده" in s for s in speakers)


def test_it_never_turns_boilerplate_into_claims(text, result):
    for marker in ("اقرأ أيضاً", "اخترنا لك"):
        start = text.index(marker)
        end = text.index("\n", start) if "\n" in text[start:] else len(text)
        assert not any(c.start < end and start < c.end for c in result.claims), marker
    caption = "الرئيس الروسي فلاديمير بوتين ونظيره الإيراني إبراهيم رئيسي"
    assert not any(c.text.strip(" •") == caption for c in result.claims)
    first = text.index(caption)
    second = text.index(caption, first + 1)
    assert not any(c.start <= first < c.end or c.start <= second < c.end for c in result.claims)


def test_it_reports_offsets_into_the_original_text(text, result):
    for c in result.claims:
        assert text[c.start : c.end] == c.text
        for f in c.facts:
            assert text[f["start"] : f["end"]] == f["text"]
    for f in result.facts + result.inconsistencies:
        assert text[f["start"] : f["end"]] == f["text"]


def test_it_serialises_to_the_contract_shape(result):
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert set(data) == {"language", "claims", "inconsistencies"}
    assert data["language"] == "ar"
    for c in data["claims"]:
        assert {"text", "start", "end", "kind", "checkworthiness", "facts"} <= set(c)
        assert 0.0 <= c["checkworthiness"] <= 1.0
        for f in c["facts"]:
            assert {"type", "start", "end", "text"} <= set(f)
    for i in data["inconsistencies"]:
        assert {"type", "start", "end", "text", "detail"} <= set(i)


@pytest.mark.parametrize("empty", ["", "   ", "\n\t \u00a0"])
def test_it_refuses_empty_text_with_a_readable_error(empty):
    with pytest.raises(ExtractionError, match="empty"):
        extract(empty)
