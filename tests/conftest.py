"""Shared people and clients. Service fixtures live in tests/plugins/."""

import pytest
from django.contrib.auth.models import Group, User
from rest_framework.test import APIClient

from claims.roles import EDITOR_GROUP, FACT_CHECKER_GROUP
from reviews.defaults import ensure_defaults
from reviews.models import Queue

pytest_plugins = [
    "tests.plugins.services",
    "tests.plugins.outside_web",
    "tests.plugins.browser",
    "tests.plugins.outages",
]

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Each test creates several people; PBKDF2 would cost ~0.5 s for each of them."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def defaults(db):
    """Groups, the default rating scale and queues (transactional tests flush migration data)."""
    ensure_defaults()


def _person(username: str, *groups: str, queues: bool = True, **fields) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    if queues and FACT_CHECKER_GROUP in groups:
        for queue in Queue.objects.all():
            queue.members.add(user)
    return user


@pytest.fixture
def checker(defaults) -> User:
    return _person("checker", FACT_CHECKER_GROUP)


@pytest.fixture
def checker2(defaults) -> User:
    return _person("checker2", FACT_CHECKER_GROUP)


@pytest.fixture
def editor(defaults) -> User:
    return _person("editor", EDITOR_GROUP)


@pytest.fixture
def outsider(defaults) -> User:
    """Should have no access: a logged-in user in no newsroom group."""
    return _person("outsider")


@pytest.fixture
def stranger_checker(defaults) -> User:
    """A fact-checker who is a member of no queue."""
    return _person("stranger", FACT_CHECKER_GROUP, queues=False)


@pytest.fixture
def admin_user(defaults) -> User:
    return User.objects.create_superuser("admin", "admin@example.org", PASSWORD)


def api_client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def anonymous_api() -> APIClient:
    return APIClient()


@pytest.fixture
def checker_api(checker) -> APIClient:
    return api_client_for(checker)


@pytest.fixture
def checker2_api(checker2) -> APIClient:
    return api_client_for(checker2)


@pytest.fixture
def editor_api(editor) -> APIClient:
    return api_client_for(editor)
