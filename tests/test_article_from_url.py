"""An article submitted by URL is fetched safely, stored as text, then extracted."""

import pytest

from claims.ingest import article_fetch, article_submit
from claims.models import Article, Claim
from tests.plugins.services import wait_until

ARTICLE_PAGE = """<html><head><title>Gas deal</title><meta charset="utf-8"></head><body>
<nav>Home | World | Business</nav>
<article><h1>Gazprom and NIOC sign gas deal</h1>
<p>Gazprom and the National Iranian Oil Company signed a deal worth about $40 billion, the Iranian
side said in mid-July 2022. The agreement covers the development of the Kish and North Pars gas fields
and six oil fields, according to the oil ministry.</p>
<p>Officials expect output to rise by 15% within two years, the ministry added.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


@pytest.mark.worker
def test_it_fetches_extracts_and_queues_an_article_given_by_url(
    worker_factory, checker, outside_web
):
    outside_web.add(
        "/news/gas-deal",
        body=ARTICLE_PAGE.encode(),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    worker_factory(extra_env={"CLAIMDESK_FETCH_ALLOW_PRIVATE": "1"})

    article, created = article_submit(submitted_by=checker, url=outside_web.url("/news/gas-deal"))
    assert created and article.status == Article.Status.FETCHING

    def extracted():
        article.refresh_from_db()
        assert article.status != Article.Status.FAILED, article.status_detail
        return article.status == Article.Status.EXTRACTED

    wait_until(extracted, timeout=60)
    assert "about $40 billion" in article.body
    assert "Subscribe" not in article.body and "Home | World" not in article.body
    money = Claim.objects.get(article=article, kind=Claim.Kind.MONEY)
    assert article.body[money.start : money.end] == money.text
    assert money.queue.slug == "english-desk"
    assert outside_web.hits("/news/gas-deal") == 1


def test_it_refuses_a_private_address_and_says_why(checker, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = False
    article, _ = article_submit(
        submitted_by=checker, url="http://169.254.169.254/latest/meta-data/"
    )
    assert article_fetch(article=article) is False
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert article.status_detail.startswith("Refused to fetch:")
    assert "169.254.169.254" in article.status_detail
    assert article.body == ""


def test_it_marks_a_missing_page_as_failed(checker, settings, outside_web):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    article, _ = article_submit(submitted_by=checker, url=outside_web.url("/gone"))
    assert article_fetch(article=article) is False
    article.refresh_from_db()
    assert article.status == Article.Status.FAILED
    assert "404" in article.status_detail
