import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error

from tests.factories import ArticleFactory, SnapshotFactory
from tests.workflow_setup import BODY, assigned_claim, claim, plain_http, submitted_verdict  # noqa: F401

CONTRACT_OPERATIONS = [
    ("post", "/api/v1/articles/"),
    ("get", "/api/v1/articles/{id}/"),
    ("get", "/api/v1/claims/"),
    ("get", "/api/v1/queues/"),
    ("post", "/api/v1/queues/{slug}/next/"),
    ("post", "/api/v1/claims/{id}/verdicts/"),
    ("post", "/api/v1/verdicts/{id}/approve/"),
    ("post", "/api/v1/verdicts/{id}/return/"),
    ("post", "/api/v1/auth/token/"),
]


def generated_schema(tmp_path) -> dict:
    target = tmp_path / "schema.yml"
    # --fail-on-warn: an undocumented view, an untyped parameter or a name clash fails here.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    return yaml.safe_load(target.read_text())


def _with_placeholder_names(path: str) -> str:
    import re

    return re.sub(r"\{[a-z_]+\}", "{x}", path)


def test_it_generates_a_valid_schema_without_warnings(db, tmp_path):
    schema = generated_schema(tmp_path)

    assert schema["openapi"].startswith("3.")
    paths = {_with_placeholder_names(path): item for path, item in schema["paths"].items()}
    for method, path in CONTRACT_OPERATIONS:
        assert method in paths[_with_placeholder_names(path)], (method, path)


def test_it_documents_the_errors_of_every_workflow_operation(db, tmp_path):
    schema = generated_schema(tmp_path)

    for path, item in schema["paths"].items():
        if not path.startswith("/api/v1/") or path.startswith("/api/v1/public/"):
            continue
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"} or "sources" in path:
                continue
            if "evidence" in path or "candidate-sources" in path:
                continue
            codes = set(operation["responses"])
            if path != "/api/v1/auth/token/":
                assert "401" in codes, (method, path)
            assert any(code.startswith("4") for code in codes), (method, path)
            for code in codes - {"200", "201", "204"}:
                content = operation["responses"][code]["content"]["application/json"]["schema"]
                assert content["$ref"].endswith("/ApiError"), (method, path, code)


def test_it_serves_the_swagger_ui(client):
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


@pytest.fixture
def api_schema(db, settings, checker, checker2, editor):
    from django.core.wsgi import get_wsgi_application

    settings.ALLOWED_HOSTS = ["*"]
    # Something to find behind every path: claims in every state, a submitted verdict, evidence.
    article = ArticleFactory(body=BODY)
    for start in range(3):
        claim(article, start=start)
    assigned_claim(checker, editor, end=20)
    submitted_verdict(checker2)
    SnapshotFactory()
    # Like Django's test client: keep the test's connection (and its transaction) open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        # A fresh handler: its middleware reads the settings changed above.
        yield schemathesis.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.from_pytest_fixture("api_schema")


@schema.parametrize()
@hypothesis_settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_it_never_answers_500_to_generated_requests(case, checker):
    token, _ = Token.objects.get_or_create(user=checker)

    response = case.call_wsgi(headers={"Authorization": f"Token {token.key}"})

    case.validate_response(response, checks=(not_a_server_error,))
