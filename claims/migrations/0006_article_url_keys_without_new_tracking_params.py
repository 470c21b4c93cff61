from django.db import migrations


def rekey(apps, schema_editor):
    # More tracking parameters are dropped from match keys now (ref_src, _gl, ...): recompute the
    # keys of addresses that carried one, so a publisher asking with or without it still finds
    # the article. An address whose new key another row already holds keeps its old key.
    from claims.url_keys import InvalidURL, url_match_key

    ArticleURL = apps.get_model("claims", "ArticleURL")
    for row in ArticleURL.objects.filter(url__contains="?").only("pk", "url", "match_key"):
        try:
            key = url_match_key(row.url)
        except InvalidURL:
            continue
        if key != row.match_key and not ArticleURL.objects.filter(match_key=key).exists():
            ArticleURL.objects.filter(pk=row.pk).update(match_key=key)


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_evidence_stance_mixed")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
