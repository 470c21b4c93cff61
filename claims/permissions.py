"""DRF permission classes for the newsroom roles (see reviews/roles.py)."""

from rest_framework.permissions import BasePermission

from claims.roles import is_editor, is_fact_checker, is_newsroom_member


class IsNewsroomMember(BasePermission):
    message = "Only fact-checkers and editors may use the desk."

    def has_permission(self, request, view) -> bool:
        return is_newsroom_member(request.user)


class IsFactChecker(BasePermission):
    message = "Only fact-checkers may do this."

    def has_permission(self, request, view) -> bool:
        return is_fact_checker(request.user)


class IsEditor(BasePermission):
    message = "Only editors may do this."

    def has_permission(self, request, view) -> bool:
        return is_editor(request.user)
