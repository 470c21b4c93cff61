"""Normalisation keeps every offset into the original text."""

from claims.extraction import extract_facts
from claims.extraction.normalize import normalize


def test_it_folds_letter_variants_digits_and_marks():
    n = normalize("أكّد وقّعت اتصالٍ مليـــار ٤٠٫٥ ۱۲ إحدى مدينة\u00a0هنا\u200f")
    assert n.text == "اكد وقعت اتصال مليار 40.5 12 احدي مدينه هنا"


def test_it_maps_spans_back_over_deleted_marks():
    original = "وقّعت اتفاقيةً بقيمة ٤٠ مليـــار دولارٍ أمس"
    (money,) = [f for f in extract_facts(original) if f["type"] == "money"]
    assert money["text"] == "٤٠ مليـــار دولارٍ"
    assert original[money["start"] : money["end"]] == money["text"]
    assert money["value"] == 40_000_000_000


def test_it_reads_persian_digits_and_arabic_separators():
    (money,) = [f for f in extract_facts("بلغت ۱۲٬۵۰۰ دولار") if f["type"] == "money"]
    assert money["value"] == 12500
