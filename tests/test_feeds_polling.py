"""Feeds: RSS, Atom, JSON Feed and news sitemaps polled from servers of our own on 127.0.0.1."""

import json

import pytest

from claims.feeds import feed_create, feed_item_ingest, feed_poll, feeds_poll_due
from claims.models import Article, ArticleURL, Claim, Feed, FeedItem
from tests.plugins.services import wait_until

STORY = """<html><head><title>{title}</title><meta charset="utf-8"></head><body>
<nav>Home | World</nav><article><h1>{title}</h1>
<p>{lead} The ministry said exports rose 12% in 2023, and officials added that 40,000 jobs were
created, according to the statistics office.</p></article></body></html>"""


def rss(*items: tuple[str, str]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
        "<pubDate>Mon, 30 Nov 2026 07:00:00 GMT</pubDate></item>"
        for title, link in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>https://wire.example/</link><language>en</language>{entries}</channel></rss>"
    )


def atom(*items: tuple[str, str]) -> str:
    entries = "".join(
        f'<entry><title>{title}</title><link rel="alternate" href="{link}"/><id>{link}</id>'
        "<updated>2026-11-30T07:00:00Z</updated></entry>"
        for title, link in items
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>{entries}</feed>'


def json_feed(*items: tuple[str, str]) -> str:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "JSON wire",
            "items": [
                {"id": link, "url": link, "title": title, "date_published": "2026-11-30T07:00:00Z"}
                for title, link in items
            ],
        }
    )


def news_sitemap(*items: tuple[str, str]) -> str:
    urls = "".join(
        f"<url><loc>{link}</loc><news:news><news:publication><news:name>Wire</news:name>"
        "<news:language>en</news:language></news:publication>"
        "<news:publication_date>2026-11-30T07:00:00Z</news:publication_date>"
        f"<news:title>{title}</news:title></news:news></url>"
        for title, link in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    )


FORMATS = {
    "rss": (rss, "application/rss+xml"),
    "atom": (atom, "application/atom+xml"),
    "json": (json_feed, "application/feed+json"),
    "sitemap": (news_sitemap, "application/xml"),
}


@pytest.fixture
def web(outside_web, settings):
    settings.CLAIMDESK_FETCH_ALLOW_PRIVATE = True
    return outside_web


def story(web, path: str, title: str, lead: str = "") -> str:
    return web.add(path, STORY.format(title=title, lead=lead), content_type="text/html")


def ingest_pending() -> list[str]:
    return [
        feed_item_ingest(item=item)
        for item in FeedItem.objects.select_related("feed").filter(status="pending").order_by("pk")
    ]


def make_feed(web, editor, path: str, body: str, content_type: str, **fields) -> Feed:
    web.add(path, body, content_type=content_type, headers=fields.pop("headers", {}))
    return feed_create(
        url=web.url(path), publisher=fields.pop("publisher", "Wire"), created_by=editor, **fields
    )


@pytest.mark.parametrize("kind", FORMATS)
def test_it_turns_each_new_entry_of_a_feed_into_an_article(kind, web, editor):
    render, content_type = FORMATS[kind]
    one = story(web, "/news/one", "Exports rise", "First story.")
    two = story(web, "/news/two", "Jobs created", "Second story.")
    feed = make_feed(
        web, editor, f"/feed.{kind}", render(("Exports rise", one), ("Jobs created", two)),
        content_type, language="en",
    )  # fmt: skip

    outcome = feed_poll(feed=feed)

    assert (outcome.status, outcome.new_items, outcome.refused) == ("new", 2, 0)
    assert ingest_pending() == ["submitted", "submitted"]
    articles = Article.objects.order_by("pk")
    assert [a.title for a in articles] == ["Exports rise", "Jobs created"]
    assert {a.publisher for a in articles} == {"Wire"}
    assert "First story." in articles[0].body and "Home | World" not in articles[0].body
    assert ArticleURL.objects.filter(url=one, article=articles[0]).exists()
    feed.refresh_from_db()
    assert (feed.items_seen, feed.last_new_items, feed.last_error, feed.failures) == (2, 2, "", 0)
    assert feed.last_polled_at is not None and feed.last_status == 200


def test_it_asks_conditionally_and_a_304_costs_nothing(web, editor):
    link = story(web, "/news/a", "A")
    feed = make_feed(
        web, editor, "/feed.xml", rss(("A", link)), "application/rss+xml",
        headers={"ETag": '"v1"', "Last-Modified": "Mon, 30 Nov 2026 07:00:00 GMT"},
    )  # fmt: skip
    assert feed_poll(feed=feed).new_items == 1
    feed.refresh_from_db()
    assert feed.etag == '"v1"'

    web.add("/feed.xml", status=304, headers={"ETag": '"v1"'})
    outcome = feed_poll(feed=feed)

    assert outcome.status == "not_modified"
    second = web.headers_of("/feed.xml")[1]
    assert second["If-None-Match"] == '"v1"'
    assert second["If-Modified-Since"] == "Mon, 30 Nov 2026 07:00:00 GMT"
    assert FeedItem.objects.count() == 1
    feed.refresh_from_db()
    assert (feed.last_status, feed.items_seen, feed.last_new_items) == (304, 1, 1)


def test_it_merges_the_same_story_from_two_feeds_into_one_article(web, editor):
    shared = story(web, "/news/shared", "Shared story", "Carried by both.")
    mirror = story(web, "/mirror/shared-copy", "Shared story", "Carried by both.")
    first = make_feed(web, editor, "/a.xml", rss(("Shared", shared)), "application/rss+xml")
    # The second feed links the same address with tracking parameters, and a mirror copy.
    second = make_feed(
        web, editor, "/b.json", json_feed(("Shared", shared + "?utm_source=x"), ("Copy", mirror)),
        "application/feed+json", publisher="Other",
    )  # fmt: skip

    feed_poll(feed=first)
    ingest_pending()
    outcome = feed_poll(feed=second)
    statuses = ingest_pending()

    assert (outcome.new_items, outcome.merged) == (1, 1)
    assert statuses == ["merged"]  # the mirror's text hashes like the original's
    assert Article.objects.count() == 1
    article = Article.objects.get()
    assert ArticleURL.objects.filter(article=article).count() == 2
    assert web.hits("/news/shared") == 1
    assert FeedItem.objects.get(url=shared).also_in.get() == second


def test_it_caps_the_entries_taken_in_one_poll(web, editor, settings):
    settings.CLAIMDESK_FEED_MAX_ITEMS_PER_POLL = 3
    items = [(f"S{n}", f"https://wire.example/s{n}") for n in range(5)]
    feed = make_feed(web, editor, "/many.xml", rss(*items), "application/rss+xml")

    assert feed_poll(feed=feed).new_items == 3
    assert feed_poll(feed=feed).new_items == 2  # the rest on the next poll
    assert FeedItem.objects.count() == 5


HOSTILE = {
    "invalid XML": ("<rss version='2.0'><channel><item>", "not well-formed XML"),
    "billion laughs": (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(2, 10))
        + ']><rss version="2.0"><channel><title>&lol9;</title></channel></rss>',
        "entities",
    ),
    "deep JSON": ('{"items": ' + "[" * 500 + "]" * 500 + "}", "nested deeper"),
    "HTML page": ("<html><body>Not a feed</body></html>", "not RSS, Atom"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_it_records_a_hostile_or_broken_feed_on_the_feed_and_nothing_else(case, web, editor):
    body, words = HOSTILE[case]
    good = make_feed(web, editor, "/good.xml", rss(("A", story(web, "/a", "A"))), "text/xml")
    bad = make_feed(web, editor, "/bad", body, "application/xml", publisher="Bad")

    assert feed_poll(feed=bad).status == "failed"
    assert feed_poll(feed=good).new_items == 1

    bad.refresh_from_db()
    assert words in bad.last_error and bad.last_error.startswith("Unreadable feed:")
    assert (bad.failures, bad.is_dead, bad.items_seen) == (1, False, 0)
    assert bad.next_poll_at > bad.last_polled_at
    assert FeedItem.objects.filter(feed=bad).count() == 0
    assert FeedItem.objects.filter(feed=good).count() == 1


def test_it_refuses_a_feed_over_the_byte_cap(web, editor, settings):
    settings.CLAIMDESK_FEED_MAX_BYTES = 1024 * 1024
    # 50 MB streamed: the fetch stops at the cap instead of reading (or storing) it all.
    web.add("/huge.xml", chunks=[b"<rss>" + b" " * 65531] + [b" " * 65536] * 800,
            headers={"Content-Type": "application/rss+xml"})  # fmt: skip
    feed = feed_create(url=web.url("/huge.xml"), publisher="Huge", created_by=editor)

    assert feed_poll(feed=feed).status == "failed"

    feed.refresh_from_db()
    assert "over the 1048576-byte cap" in feed.last_error


def test_it_skips_a_javascript_link_records_it_and_keeps_the_other_entries(web, editor):
    fine = story(web, "/fine", "Fine")
    feed = make_feed(
        web, editor, "/mixed.xml",
        rss(("Trap", "javascript:alert(document.cookie)"), ("Fine", fine)), "application/rss+xml",
    )  # fmt: skip

    outcome = feed_poll(feed=feed)

    assert (outcome.new_items, outcome.refused) == (1, 1)
    assert [item.url for item in FeedItem.objects.all()] == [fine]
    feed.refresh_from_db()
    assert "Trap" in feed.last_error and "javascript scheme" in feed.last_error
    assert feed.failures == 0


def test_it_backs_off_and_marks_a_vanished_feed_dead(web, editor, settings):
    settings.CLAIMDESK_FEED_DEAD_AFTER = 3
    web.add("/gone.xml", "gone", status=404)
    feed = feed_create(url=web.url("/gone.xml"), publisher="Gone", created_by=editor)
    gaps = []
    for _ in range(3):
        feed.refresh_from_db()
        feed_poll(feed=feed)
        feed.refresh_from_db()
        gaps.append((feed.next_poll_at - feed.last_polled_at).total_seconds() / 60)

    assert gaps[0] < gaps[1] < gaps[2]
    assert feed.is_dead and "404" in feed.last_error and "stopped after 3" in feed.last_error
    assert feeds_poll_due(now=feed.next_poll_at) == 0  # dead feeds are not polled again


def test_it_polls_only_the_due_enabled_feeds(web, editor, django_capture_on_commit_callbacks):
    feed_create(url="https://a.example/rss", publisher="A", created_by=editor)
    feed_create(url="https://b.example/rss", publisher="B", created_by=editor, is_enabled=False)

    with django_capture_on_commit_callbacks() as callbacks:
        started = feeds_poll_due()

    assert started == 1 and len(callbacks) == 1
    assert feeds_poll_due() == 0  # claimed: not started twice before its interval


@pytest.mark.worker
def test_it_goes_from_feed_to_queued_claims_on_a_real_worker(worker_factory, editor, outside_web):
    link = story(outside_web, "/news/worker", "Exports rise", "Worker story.")
    outside_web.add("/w.xml", rss(("Exports rise", link)), content_type="application/rss+xml")
    feed_create(url=outside_web.url("/w.xml"), publisher="Wire", created_by=editor, language="en")
    worker_factory(extra_env={"CLAIMDESK_FETCH_ALLOW_PRIVATE": "1"})

    from claims.tasks import poll_due_feeds

    poll_due_feeds.delay()

    def queued():
        return Claim.objects.filter(status=Claim.Status.QUEUED, article__publisher="Wire").count()

    wait_until(queued, timeout=90)
    item = FeedItem.objects.get()
    assert item.status == FeedItem.Status.SUBMITTED and item.article.status == "extracted"
