from pathlib import Path

from claims.models import Article, AuditEvent, Claim
from reviews.models import Verdict
from tests.conftest import PASSWORD
from tests.plugins.services import wait_until
from tests.workflow_setup import cited_snapshot, plain_http  # noqa: F401

SEED = Path(__file__).resolve().parents[1] / "claims" / "demo" / "putin-raisi-call.ar.txt"


def token_client(username: str):
    from rest_framework.test import APIClient

    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_it_runs_the_whole_loop_through_the_api_with_a_real_worker(celery_worker, checker, editor):
    checker_api, editor_api = token_client("checker"), token_client("editor")

    # 1. The article goes in; a separate worker process extracts and routes its claims.
    submitted = checker_api.post(
        "/api/v1/articles/",
        {
            "title": "Putin–Raisi call",
            "body": SEED.read_text(),
            "language": "ar",
            "published_url": "https://news.example.org/putin-raisi",
        },
        format="json",
    )
    assert submitted.status_code == 201
    article_id = submitted.json()["id"]
    wait_until(
        lambda: Article.objects.get(pk=article_id).status == Article.Status.EXTRACTED, timeout=60
    )
    article = checker_api.get(f"/api/v1/articles/{article_id}/").json()
    # Check-worthy claims are queued; the others wait on the article, outside the queues.
    queued = [claim for claim in article["claims"] if claim["status"] == "queued"]
    assert queued and all(
        claim["status"] == "new" and claim["queue"] is None
        for claim in article["claims"]
        if claim["status"] != "queued"
    )
    queues = {claim["queue"] for claim in queued}
    assert queues <= {"arabic-desk", "inconsistencies"} and "arabic-desk" in queues

    # 2. A checker takes the most check-worthy claim and submits a verdict.
    taken = checker_api.post("/api/v1/queues/arabic-desk/next/")
    assert taken.status_code == 200
    claim_id = taken.json()["id"]
    best = max(c["checkworthiness"] for c in article["claims"] if c["queue"] == "arabic-desk")
    assert taken.json()["checkworthiness"] == best
    # (Fetching sources in a worker is proven in test_sources_worker; here the archive is given.)
    evidence = [cited_snapshot(Claim.objects.get(pk=claim_id)).pk]
    verdict = checker_api.post(
        f"/api/v1/claims/{claim_id}/verdicts/",
        {
            "rating": "mostly-true",
            "summary": "Trade is near $40bn, per customs data",
            "evidence": evidence,
        },
        format="json",
    )
    assert verdict.status_code == 201 and verdict.json()["status"] == "submitted"

    # 3. The editor finds it in the inbox and approves: published.
    inbox = editor_api.get("/api/v1/inbox/").json()
    assert [item["id"] for item in inbox["results"]] == [verdict.json()["id"]]
    approved = editor_api.post(f"/api/v1/verdicts/{verdict.json()['id']}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "published"

    assert Claim.objects.get(pk=claim_id).status == Claim.Status.PUBLISHED
    assert Verdict.objects.get(pk=verdict.json()["id"]).published_at is not None
    history = [
        e["action"]
        for e in checker_api.get(f"/api/v1/claims/{claim_id}/history/").json()["results"]
    ]
    assert history == [
        "claim.route",
        "claim.assign",
        "verdict.draft",
        "claim.submit",
        "verdict.submit",
        "claim.publish",
        "verdict.approve",
    ]
    assert AuditEvent.objects.filter(action="claim.route").count() == len(queued)
