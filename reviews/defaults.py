"""Groups, the default rating scale and the default queues: idempotent, used by migrations and load_demo.

Labels are stored in English and translated where they are shown (gettext_noop puts them in
the catalogue); a newsroom's own labels show as typed.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_noop as _noop

DEFAULT_SCALE_SLUG = "claimdesk-default"
OUTCOME_SCALE_SLUG = "inconsistency-outcomes"
SHOULD_SAY = "should-say"


@dataclass(frozen=True)
class RatingSpec:
    slug: str
    label: str
    rating_value: int | None
    color: str
    severity: int
    needs_evidence: bool = True


DEFAULT_RATINGS = [
    RatingSpec("true", _noop("True"), 5, "brightgreen", 0),
    RatingSpec("mostly-true", _noop("Mostly true"), 4, "green", 1),
    RatingSpec("misleading", _noop("Misleading"), 3, "yellow", 3),
    RatingSpec("mostly-false", _noop("Mostly false"), 2, "orange", 4),
    RatingSpec("false", _noop("False"), 1, "red", 5),
    RatingSpec("unverifiable", _noop("Unverifiable"), None, "lightgrey", 2, needs_evidence=False),
]

# An inconsistency's outcomes: never published as a ClaimReview, so no rating value.
# (slug, label, color, asks_value)
DEFAULT_OUTCOMES = [
    (SHOULD_SAY, _noop("The article should say another value"), "orange", True),
    ("no-error", _noop("No error"), "brightgreen", False),
    ("cannot-tell", _noop("Cannot tell"), "lightgrey", False),
]

# (slug, name, priority, languages, kinds, fallback)
DEFAULT_QUEUES = [
    ("inconsistencies", _noop("Inconsistencies"), 10, [], ["inconsistency"], False),
    ("arabic-desk", _noop("Arabic desk"), 20, ["ar"], [], False),
    ("english-desk", _noop("English desk"), 30, ["en"], [], False),
    ("triage", _noop("Triage"), 1000, [], [], True),
]


def ensure_groups(group_model) -> None:
    from claims.roles import EDITOR_GROUP, FACT_CHECKER_GROUP

    for name in (FACT_CHECKER_GROUP, EDITOR_GROUP):
        group_model.objects.get_or_create(name=name)


def ensure_rating_scale(scale_model, rating_model):
    scale, _ = scale_model.objects.get_or_create(
        slug=DEFAULT_SCALE_SLUG, defaults={"name": "Claimdesk default", "is_default": True}
    )
    if not scale_model.objects.filter(is_default=True).exists():
        scale_model.objects.filter(pk=scale.pk).update(is_default=True)
    # Migrations before `needs_evidence` existed run this with their historical model.
    has_needs_evidence = any(f.name == "needs_evidence" for f in rating_model._meta.fields)
    for order, spec in enumerate(DEFAULT_RATINGS):
        values = {
            "label": spec.label,
            "alternate_name": spec.label,
            "rating_value": spec.rating_value,
            "color": spec.color,
            "severity": spec.severity,
            "order": order,
        }
        created = {**values}
        if has_needs_evidence:
            # Set once: whether a rating needs a cited source is the newsroom's to configure.
            created["needs_evidence"] = spec.needs_evidence
        rating_model.objects.update_or_create(
            scale=scale, slug=spec.slug, defaults=values, create_defaults=created
        )
    return scale


def ensure_outcome_scale(scale_model, rating_model):
    """The inconsistency outcomes; a newsroom's later edits to them are kept (created once)."""
    scale, _ = scale_model.objects.get_or_create(
        slug=OUTCOME_SCALE_SLUG,
        defaults={"name": "Inconsistency outcomes", "is_default": False, "kind": "inconsistency"},
    )
    for order, (slug, label, color, asks_value) in enumerate(DEFAULT_OUTCOMES):
        rating_model.objects.get_or_create(
            scale=scale,
            slug=slug,
            defaults={
                "label": label,
                "alternate_name": label,
                "rating_value": None,
                "color": color,
                "severity": 0,
                "order": order,
                "needs_evidence": False,
                "asks_value": asks_value,
            },
        )
    return scale


def ensure_queues(queue_model) -> list:
    queues = []
    for slug, name, priority, languages, kinds, fallback in DEFAULT_QUEUES:
        queue, _ = queue_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "priority": priority,
                "languages": languages,
                "kinds": kinds,
                "is_fallback": fallback,
            },
        )
        queues.append(queue)
    return queues


def ensure_defaults() -> None:
    """With the live models (load_demo, tests)."""
    from django.contrib.auth.models import Group

    from reviews.models import Queue, Rating, RatingScale

    ensure_groups(Group)
    ensure_rating_scale(RatingScale, Rating)
    ensure_outcome_scale(RatingScale, Rating)
    ensure_queues(Queue)
