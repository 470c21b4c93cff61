"""import_claimreviews: every published form, bad records refused one by one, idempotent."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.matching.claimreview import FeedError, read_reviews
from reviews.matching_models import ImportedReview, MatchItem, MatchKey
from tests import claimreview_samples as samples

FORMS = {
    "json list": samples.as_list,
    "datafeed": samples.as_datafeed,
    "google claims:search": samples.as_google,
}


def run_import(tmp_path, payload: bytes, name: str = "feed.json") -> tuple[str, str]:
    path = tmp_path / name
    path.write_bytes(payload)
    out, err = io.StringIO(), io.StringIO()
    call_command("import_claimreviews", str(path), stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


@pytest.mark.parametrize("form", sorted(FORMS))
def test_it_imports_each_json_form_with_publisher_rating_date_and_language(db, tmp_path, form):
    out, _ = run_import(tmp_path, FORMS[form]())

    assert out == "imported 3, skipped 0, refused 0"
    review = ImportedReview.objects.get(url="https://misbar.example.net/egypt-unemployment")
    assert review.publisher == "مسبار"
    assert review.rating_text == "مضلل"
    assert review.language == "ar"
    assert str(review.date_published) == "2024-02-10"
    assert review.claim_text.startswith("معدل البطالة")
    assert [f["value"] for f in review.facts if f["type"] == "percent"] == [7.5]


def test_it_imports_json_ld_from_an_html_page_and_ignores_other_types(db, tmp_path):
    out, _ = run_import(tmp_path, samples.as_html(), name="page.html")

    assert out == "imported 3, skipped 0, refused 0"
    assert MatchItem.objects.filter(kind="imported").count() == 3


@pytest.mark.parametrize("form", sorted(FORMS))
def test_it_refuses_a_malformed_record_in_the_middle_and_keeps_the_rest(db, tmp_path, form):
    out, err = run_import(tmp_path, FORMS[form](with_bad=True))

    assert out == "imported 3, skipped 0, refused 1"
    assert "record 2: refused" in err
    assert "http" in err
    assert ImportedReview.objects.count() == 3


def test_it_changes_nothing_when_the_same_feed_is_imported_again(db, tmp_path):
    run_import(tmp_path, samples.as_datafeed())
    before = list(ImportedReview.objects.order_by("pk").values_list("pk", "key", "facts"))
    keys_before = MatchKey.objects.count()

    out, _ = run_import(tmp_path, samples.as_list())

    assert out == "imported 0, skipped 3, refused 0"
    assert list(ImportedReview.objects.order_by("pk").values_list("pk", "key", "facts")) == before
    assert MatchKey.objects.count() == keys_before > 0


def test_it_indexes_imported_reviews_by_their_figures(db, tmp_path):
    run_import(tmp_path, samples.as_list())

    keys = set(MatchKey.objects.values_list("key", flat=True))
    assert "money:USD:4.0e10" in keys
    assert "percent:7.5e0" in keys


def test_it_fails_clearly_on_input_that_is_not_a_feed(db, tmp_path):
    with pytest.raises(CommandError, match="neither JSON nor an HTML page"):
        run_import(tmp_path, b"hello", name="x.txt")


def test_it_stops_with_a_clear_error_when_the_json_breaks_midway():
    broken = samples.as_list()[:-40]
    reader = read_reviews(io.BytesIO(broken))
    assert next(reader).record is not None
    with pytest.raises(FeedError, match="JSON is broken"):
        list(reader)


def test_it_imports_from_a_url_through_the_safe_fetcher(db, settings, outside_web):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    outside_web.add(
        "/feed.json", body=samples.as_datafeed(), headers={"Content-Type": "application/json"}
    )
    out = io.StringIO()

    call_command(
        "import_claimreviews", outside_web.url("/feed.json"), stdout=out, stderr=io.StringIO()
    )

    assert out.getvalue().strip() == "imported 3, skipped 0, refused 0"


def test_it_refuses_a_private_address_without_fetching(db, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = False

    with pytest.raises(CommandError, match="refused"):
        call_command("import_claimreviews", "http://127.0.0.1:8080/feed.json", stderr=io.StringIO())
