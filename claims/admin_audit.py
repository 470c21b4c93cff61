"""The admin writes the audit trail too: every add, change and delete of a workflow model.

Staff can still correct data in the admin, but never silently: each save records who changed
which fields from what to what, like every other change a person makes.
"""

from datetime import date, datetime
from decimal import Decimal

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction

from claims.audit import audit_record


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | models.QuerySet):
        return [_plain(item) for item in value]
    if isinstance(value, datetime | date | Decimal):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool | dict):
        return value
    return str(value)


def _values(obj: models.Model | None, names) -> dict:
    if obj is None:
        return {}
    values = {}
    for name in names:
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field: nothing stored under that name
            continue
        if field.many_to_many:
            values[name] = sorted(item.pk for item in getattr(obj, name).all()) if obj.pk else []
        elif field.concrete:
            values[name] = _plain(field.value_from_object(obj))
    return values


def _action(obj: models.Model, verb: str) -> str:
    return f"admin.{obj._meta.model_name}.{verb}"


def _all_values(obj: models.Model) -> dict:
    return _values(obj, [field.name for field in obj._meta.concrete_fields])


def _record_deleted(request, obj: models.Model) -> None:
    audit_record(
        actor=request.user, action=_action(obj, "delete"), obj=obj, before=_all_values(obj)
    )


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        names = list(form.changed_data)
        before = _values(type(obj).objects.filter(pk=obj.pk).first(), names) if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_record(
                actor=request.user,
                action=_action(obj, "change" if change else "add"),
                obj=obj,
                before=before,
                after=_values(obj, names),
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        fields = {field.name: field for field in form.instance._meta.get_fields()}
        many = [
            name for name in form.changed_data if getattr(fields.get(name), "many_to_many", False)
        ]
        if many:
            audit_record(
                actor=request.user,
                action=_action(form.instance, "change_related"),
                obj=form.instance,
                after=_values(form.instance, many),
            )

    def save_formset(self, request, form, formset, change):
        # Deleted rows lose their primary key when deleted: record them first.
        for obj in [item.instance for item in formset.deleted_forms if item.instance.pk]:
            _record_deleted(request, obj)
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_record(
                actor=request.user,
                action=_action(obj, "add"),
                obj=obj,
                after=_all_values(obj),
            )
        for obj, names in formset.changed_objects:
            audit_record(
                actor=request.user,
                action=_action(obj, "change"),
                obj=obj,
                after=_values(obj, names),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            _record_deleted(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                _record_deleted(request, obj)
            super().delete_queryset(request, queryset)


class ReadOnlyAdminMixin:
    """Viewable by staff, changed only through the workflow's own functions."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
