"""The audit trail: every change a person makes is written here, in the same transaction."""

from typing import Any

from django.db import models

from claims.models import AuditEvent


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    claim_id: int | None = None,
) -> AuditEvent:
    if claim_id is None and obj._meta.model_name == "claim":
        claim_id = obj.pk
    if claim_id is None:
        claim_id = getattr(obj, "claim_id", None)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        claim_id=claim_id,
        before=before,
        after=after,
    )
