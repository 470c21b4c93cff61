"""Stored addresses that are not http(s) web addresses stop being addresses.

Before the rule, `javascript:443/alert(document.domain)` could be stored as a published URL and
was rendered as a link and published in ClaimReview. Such an address is removed from where it
acts as one; its old value is kept in the audit trail (actor: none, action `*.neutralised`), so
nothing is lost.
"""

from django.db import migrations

from claims.web_addresses import is_web_address


def _audit_model(apps):
    # The audit trail's model may live in either app, depending on where the history stands.
    for label in ("claims", "reviews"):
        try:
            return apps.get_model(label, "AuditEvent")
        except LookupError:
            continue
    raise LookupError("AuditEvent")


def neutralise(apps, schema_editor):
    AuditEvent = _audit_model(apps)
    ArticleURL = apps.get_model("claims", "ArticleURL")
    Article = apps.get_model("claims", "Article")
    Source = apps.get_model("claims", "Source")

    def record(action, object_type, object_id, before, after):
        AuditEvent.objects.create(
            actor=None,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            before=before,
            after=after,
        )

    for row in ArticleURL.objects.all().iterator():
        if not is_web_address(row.url):
            record(
                "article_url.neutralised",
                "claims.articleurl",
                row.pk,
                {"article": row.article_id, "url": row.url, "match_key": row.match_key},
                None,
            )
            row.delete()
    for article in Article.objects.exclude(source_url="").iterator():
        if not is_web_address(article.source_url):
            record(
                "article.source_url_neutralised",
                "claims.article",
                article.pk,
                {"source_url": article.source_url},
                {"source_url": ""},
            )
            Article.objects.filter(pk=article.pk).update(source_url="")
    for source in Source.objects.all().iterator():
        if is_web_address(source.url):
            continue
        if is_web_address(source.normalized_url):
            changes = {"url": source.normalized_url}
        else:
            changes = {"status": "failed", "failure_reason": "Not a web address."}
        record("source.neutralised", "claims.source", source.pk, {"url": source.url}, changes)
        Source.objects.filter(pk=source.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0007_verdict_contributors"),
        ("claims", "0006_article_url_keys_without_new_tracking_params"),
    ]

    operations = [migrations.RunPython(neutralise, migrations.RunPython.noop)]
