"""Who may do what: the two newsroom roles are Django groups."""

FACT_CHECKER_GROUP = "fact-checker"
EDITOR_GROUP = "editor"


def _in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    cached = getattr(user, "_claimdesk_groups", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._claimdesk_groups = cached
    return name in cached


def is_fact_checker(user) -> bool:
    return _in_group(user, FACT_CHECKER_GROUP) or bool(getattr(user, "is_superuser", False))


def is_editor(user) -> bool:
    return _in_group(user, EDITOR_GROUP) or bool(getattr(user, "is_superuser", False))


def is_newsroom_member(user) -> bool:
    return is_fact_checker(user) or is_editor(user)
