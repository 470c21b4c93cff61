"""Golden tables for counted nouns, Hijri months, English weekday checks and figure conflicts."""

import datetime as dt

import pytest

from claims.extraction import extract


def _facts(text, kind, **kw):
    return [f for f in extract(text, **kw).facts if f["type"] == kind]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("Employers added 151,000 jobs last month.", "151,000 jobs", 151000, "job"),
        ("Officials said 300 people were evacuated.", "300 people", 300, "person"),
        ("Russia launched 25 Ukrainian drones overnight.", "25 Ukrainian drones", 25, "drone"),
        ("The ministry recorded 658 cholera cases.", "658 cholera cases", 658, "case"),
        ("Rain swept away a dozen villages.", "a dozen villages", 12, "village"),
        ("أسقطت الدفاعات 25 طائرة مسيرة فوق المدينة.", "25 طائرة مسيرة", 25, "drone"),
        ("وقتل 12 شخصا في القصف.", "12 شخصا", 12, "person"),
        ("وقالت الوزارة إن 72 فلسطينيا قتلوا.", "72 فلسطينيا", 72, "person"),
        ("وسيطرت القوات على ٣ قرى.", "٣ قرى", 3, "village"),
        ("وبلغ عدد البنوك 61 بنكا.", "61 بنكا", 61, "bank"),
    ],
)
def test_it_reads_counts_without_a_unit(text, span, value, unit):
    found = [f for f in _facts(text, "quantity") if f["text"] == span]
    assert found and found[0]["value"] == value and found[0]["unit"] == unit


def test_it_keeps_an_unknown_counted_noun_as_written():
    (f,) = _facts("The council approved 14 bylaws.", "quantity")
    assert (f["unit"], f["unit_text"], f["value"]) == ("item", "bylaws", 14)


def test_it_reads_more_than_500_detainees():
    (f,) = _facts("وأفرجت السلطات عن أكثر من 500 معتقل.", "quantity")
    assert (f["value"], f["unit"], f["approximation"]) == (500, "person", "more_than")


@pytest.mark.parametrize(
    "text",
    [
        "The F-16 jets flew over the city.",
        "وشاركت مقاتلة من طراز سو-35 في الهجوم.",
        "وتنص المادة 5 من الدستور على ذلك.",
        'خلال محادثات "أستانة 19" الخاصة بسوريا.',
        "Residents can call 602-555-0143 for updates on Route 87 closures.",
        "The 2024 budget includes new taxes.",
        "He finished third in the race, and the fifth straight monthly increase followed.",
        "Ordered 15 in total.",
    ],
)
def test_it_does_not_read_labels_models_or_years_as_counts(text):
    assert _facts(text, "quantity") == []


@pytest.mark.parametrize(
    ("text", "span", "month", "year", "day"),
    [
        ("وتزامن ذلك مع نهاية شهر رمضان 1445هـ.", "رمضان 1445هـ", 9, 1445, None),
        ("يبدأ الموسم في الثامن من ذي الحجة 1445هـ.", "الثامن من ذي الحجة 1445هـ", 12, 1445, 8),
        ("وتأتي الهجمات قبل بدء شهر رمضان.", "رمضان", 9, None, None),
        ("وعاد الوفد في شوال الماضي.", "شوال", 10, None, None),
    ],
)
def test_it_reads_hijri_months_without_converting(text, span, month, year, day):
    found = [f for f in _facts(text, "date") if f["text"] == span]
    assert found, _facts(text, "date")
    f = found[0]
    assert (f["calendar"], f["month"], f["year"], f["day"]) == ("hijri", month, year, day)


@pytest.mark.parametrize(
    "text", ["قال رجب طيب أردوغان إن المحادثات مثمرة.", "وحصل على صفر نقاط في المباراة."]
)
def test_it_does_not_read_names_as_hijri_months(text):
    assert not [f for f in _facts(text, "date") if f.get("calendar") == "hijri"]


@pytest.mark.parametrize(
    ("text", "published", "flagged"),
    [
        ("Floods killed 132 people, the ministry said today, Wednesday.", "2024-08-29", True),
        ("Floods killed 132 people, the ministry said today, Thursday.", "2024-08-29", False),
        ("The ministry said yesterday (Tuesday) that 40 died.", "2024-08-29", True),
        ("The ministry said on Wednesday that 40 died.", "2024-08-29", False),
        ("The fire broke out Thursday, Jan. 5, north of the city.", "2024-01-08", True),
    ],
)
def test_it_checks_english_weekdays_against_the_publication_date(text, published, flagged):
    result = extract(text, published=dt.date.fromisoformat(published))
    assert any(i["type"] == "weekday_mismatch" for i in result.inconsistencies) is flagged


@pytest.mark.parametrize(
    ("text", "conflict"),
    [
        (
            "The unemployment rate rose to 7.5% in May. Economists said the 5.7% "
            "unemployment rate was a surprise.",
            "5.7%",
        ),
        ("The project will use 95 turbines. The 59 turbines come from Denmark.", "59 turbines"),
        (
            "موسكو (رويترز) - قالت الوزارة إن دفاعاتها أسقطت 25 طائرة مسيرة.\n"
            "وذكرت الوزارة لاحقا أن دفاعاتها أسقطت 52 طائرة مسيرة.\n",
            "52 طائرة مسيرة",
        ),
        # Different subjects, a range holding the value, and an approximation: no conflict.
        ("Employers added 151,000 jobs. Health care companies added 52,000 jobs.", None),
        ("Unemployment rose to 4.1% from 4% in January. The 4% jobless rate is low.", None),
        ("The plant will create between 1,000 and 1,200 jobs. The 1,100 jobs are new.", None),
        ("Inflation hit about 40% in May. The 41% inflation rate shocked markets.", None),
        (
            "قالت الوزارة إن دفاعاتها أسقطت 25 طائرة مسيرة. وقال سلاح الجو إنه أسقط 17 "
            "طائرة مسيرة.",
            None,
        ),
    ],
)
def test_it_finds_percent_and_quantity_conflicts(text, conflict):
    found = [i["text"] for i in extract(text).inconsistencies if i["type"] == "figure_conflict"]
    assert found == ([conflict] if conflict else [])


@pytest.mark.parametrize(
    ("text", "span", "currency", "value"),
    [
        ("القاهرة - وتبلغ مخصصات الدعم 636 مليار جنيه.", "636 مليار جنيه", "EGP", 636e9),
        ("Turkey raised the minimum wage to 17,002 lira.", "17,002 lira", "TRY", 17002),
        ("Brent was down 62 cents at $84.49.", "62 cents", "USD", 0.62),
        ("BP shares rose to 487 pence.", "487 pence", "GBP", 4.87),
    ],
)
def test_it_resolves_currencies_from_the_country_and_subunits(text, span, currency, value):
    found = [f for f in _facts(text, "money") if f["text"] == span]
    assert found and found[0]["currency"] == currency and found[0]["value"] == value


def test_it_keeps_a_fall_by_then_a_level_apart():
    money = _facts("The cap fell by £238 to £1,690 a year.", "money")
    assert [f["text"] for f in money] == ["£238", "£1,690"]
