"""An Arabic article that names June and July at once and gives one deal two sizes."""

from datetime import date

from django.contrib.auth.models import User

from claims.extraction import extract
from claims.models import Citation, Claim, Snapshot
from reviews.assignment import claim_reassign
from reviews.models import Queue
from tests.factories import ArticleFactory, ArticleURLFactory, ClaimFactory, SnapshotFactory

BODY = (
    "أجرى الرئيسان اتصالاً هاتفياً في 19 حزيران/يوليو 2022 وبحثا صفقة بقيمة 40 مليار دولار. "
    "وقال البيان إن الصفقة بقيمة 45 مليار دولار."
)
ARTICLE_URL = "https://news.example.org/2022/07/putin-raisi-call"


def inconsistency(kind: str = "month_mismatch", *, holder=None, article=None) -> Claim:
    """The extractor's own finding as a queued claim, held by `holder` when given."""
    if article is None:
        article = ArticleFactory(body=BODY, language="ar", title="بوتين ورئيسي")
        ArticleURLFactory(article=article, url=ARTICLE_URL)
    found = next(
        item for item in extract(article.body, "ar").inconsistencies if item["type"] == kind
    )
    claim = ClaimFactory(
        article=article,
        start=found["start"],
        end=found["end"],
        kind=Claim.Kind.INCONSISTENCY,
        facts=[found],
        queue=Queue.objects.get(slug="inconsistencies"),
    )
    if holder is not None:
        assigner = User.objects.filter(
            username="assigner"
        ).first() or User.objects.create_superuser("assigner", "assigner@example.org", "x")
        claim_reassign(claim=claim, checker=holder, editor=assigner)
        claim.refresh_from_db()
    return claim


def cited(claim: Claim, *, published_on: date | None = None, text: str = "") -> Snapshot:
    """A cited source's archived copy (a dispatch dated `published_on`)."""
    snapshot = SnapshotFactory(
        published_on=published_on, text=text or "Kremlin readout.", title="Kremlin readout"
    )
    Citation.objects.get_or_create(claim=claim, source=snapshot.source)
    return snapshot
