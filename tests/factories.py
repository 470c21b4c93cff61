"""factory_boy factories for the domain models."""

import hashlib

import factory
from django.contrib.auth.models import User
from django.utils import timezone

from claims.models import Article, ArticleURL, Claim, Snapshot, Source
from claims.url_keys import source_url_normalized, url_match_key
from reviews.models import Queue, Rating, Verdict


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct-horse-battery-staple")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = factory.Sequence(
        lambda n: f"The ministry said on Monday that exports rose {n}% last year."
    )
    language = "en"
    status = Article.Status.EXTRACTED
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.body.encode()).hexdigest())


class ArticleURLFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ArticleURL

    article = factory.SubFactory(ArticleFactory)
    url = factory.Sequence(lambda n: f"https://news.example.org/story-{n}")
    match_key = factory.LazyAttribute(lambda u: url_match_key(u.url))


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda c: len(c.article.body) or 1)
    text = factory.LazyAttribute(lambda c: c.article.body[c.start : c.end])
    kind = Claim.Kind.PERCENT
    checkworthiness = 0.8
    status = Claim.Status.QUEUED
    queue = factory.LazyFunction(lambda: Queue.objects.get(slug="english-desk"))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://source.example.org/doc-{n}")
    normalized_url = factory.LazyAttribute(lambda s: source_url_normalized(s.url))
    host = "source.example.org"


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    source = factory.SubFactory(SourceFactory)
    fetch_key = factory.Sequence(lambda n: f"fetch-{n}")
    fetched_at = factory.LazyFunction(timezone.now)
    final_url = factory.LazyAttribute(lambda s: s.source.url)
    http_status = 200
    content_type = "text/html"
    text = "Exports rose 5% last year, the ministry said."
    byte_size = factory.LazyAttribute(lambda s: len(s.text.encode()))
    sha256 = factory.LazyAttribute(lambda s: hashlib.sha256(s.text.encode()).hexdigest())


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    author = factory.SubFactory(UserFactory)
    rating = factory.LazyFunction(lambda: Rating.objects.get(scale__is_default=True, slug="false"))
    summary = "Exports rose 5% last year"
    rationale = "The ministry's own statistics show a 2% rise."
    status = Verdict.Status.DRAFT
