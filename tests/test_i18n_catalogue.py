"""The Arabic catalogue is complete and its committed .mo is compiled from its .po (Python only)."""

import importlib.util
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("catalogue", ROOT / "scripts" / "messages.py")
catalogue = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(catalogue)


@pytest.fixture(scope="module")
def extracted():
    return catalogue.extract()


def test_it_finds_the_messages_of_templates_and_python(extracted):
    ids = {message.id for message in extracted}
    assert "Skip to the content" in ids  # a template's {% translate %}
    assert "Only editors approve verdicts." in ids  # a service's error
    assert ("%(count)s month", "%(count)s months") in ids  # an ngettext in claims/formatting.py
    assert "Mostly true" in ids  # the default rating scale (gettext_noop)


def test_it_translates_every_message_of_the_source_into_arabic():
    assert catalogue.untranslated("ar") == []


def test_it_commits_a_compiled_catalogue_in_step_with_the_po():
    mo = catalogue.po_path("ar").with_suffix(".mo")
    assert mo.read_bytes() == catalogue.compiled("ar"), "run `make messages` and commit the .mo"


def test_it_declares_arabic_six_plural_forms():
    header = catalogue.po_path("ar").read_text(encoding="utf-8")
    assert (
        "Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;" in header
    )


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "شهر واحد"), (2, "شهران"), (3, "3 أشهر"), (11, "11 شهرًا"), (100, "100 شهر")],
)
def test_it_chooses_the_arabic_plural_form_by_count(count, expected):
    with translation.override("ar"):
        text = translation.ngettext("%(count)s month", "%(count)s months", count)
    assert text % {"count": count} == expected
