"""Numbers in digits and words: a table of inputs and the value they read as."""

import pytest

from claims.extraction.normalize import norm
from claims.extraction.numbers import parse_digits, parse_number


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("40", 40), ("1,500", 1500), ("2.5", 2.5), ("1,234,567", 1234567), ("1.234.567", 1234567),
        ("1,234.5", 1234.5), ("0،6", 0.6), ("1,5", 1.5),
    ],
)  # fmt: skip
def test_it_reads_digit_separators(raw, value):
    assert parse_digits(raw) == value


def test_it_rejects_separator_runs():
    assert parse_digits("1,1,1,1") is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("40 مليار", 40e9), ("مليارا", 2e9), ("ملياري", 2e9), ("مليارين", 2e9),
        ("ثلاثة ملايين", 3e6), ("أربعين ألف", 40e3), ("خمسة وعشرين", 25), ("نصف مليون", 5e5),
        ("مليون ونصف المليون", 1.5e6), ("ثلاث مئة", 300), ("ثلاثمائة", 300), ("مئتي ألف", 2e5),
        ("خمسة عشر", 15), ("ألفين", 2000), ("عشرة آلاف", 1e4), ("مليار و200 مليون", 1.2e9),
        ("٤٠ مليار", 40e9), ("two and a half billion", 2.5e9), ("forty-two", 42),
        ("half a million", 5e5), ("a dozen", 12), ("one hundred and five", 105),
        ("3.5bn", 3.5e9), ("700 thousand", 7e5),
    ],
)  # fmt: skip
def test_it_reads_written_numbers(words, value):
    assert parse_number(norm(words)) == (pytest.approx(value), None)


@pytest.mark.parametrize(
    ("words", "low", "high"),
    [("عشرات", 10, 99), ("مئات", 100, 999), ("عشرات الآلاف", 1e4, 99e3), ("dozens", 24, 99)],
)
def test_it_reads_vague_numbers_as_ranges(words, low, high):
    assert parse_number(norm(words)) == (None, (low, high))
