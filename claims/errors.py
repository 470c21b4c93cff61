"""Workflow errors: plain exceptions the services raise; the API maps each to its HTTP status."""

from django.utils.translation import gettext_lazy as _


class WorkflowError(Exception):
    status_code = 400
    default_detail = _("The request cannot be carried out.")

    def __init__(self, detail: str | None = None):
        # The default is lazy: it speaks the language active when it is raised.
        self.detail = detail or str(self.default_detail)
        super().__init__(self.detail)


class InvalidInput(WorkflowError):
    status_code = 400
    default_detail = _("The input is not valid.")


class Forbidden(WorkflowError):
    status_code = 403
    default_detail = _("You may not do this.")


class FourEyesViolation(Forbidden):
    default_detail = _(
        "A verdict's author can never approve or return it, nor can anyone who wrote a version "
        "of it: another editor must."
    )


class Conflict(WorkflowError):
    """The row changed under the caller, or its state does not allow the change (HTTP 409)."""

    status_code = 409
    default_detail = _("The object changed or is not in a state that allows this.")


class StaleVersion(Conflict):
    default_detail = _("Someone saved a newer version first: reload and apply your change again.")


class IllegalTransition(Conflict):
    default_detail = _("This change is not allowed in the object's current state.")
