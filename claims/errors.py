"""Workflow errors: plain exceptions the services raise; the API maps each to its HTTP status."""


class WorkflowError(Exception):
    status_code = 400
    default_detail = "The request cannot be carried out."

    def __init__(self, detail: str | None = None):
        self.detail = detail or self.default_detail
        super().__init__(self.detail)


class InvalidInput(WorkflowError):
    status_code = 400
    default_detail = "The input is not valid."


class Forbidden(WorkflowError):
    status_code = 403
    default_detail = "You may not do this."


class FourEyesViolation(Forbidden):
    default_detail = (
        "A verdict's author can never approve or return it, nor can anyone who wrote a version "
        "of it: another editor must."
    )


class Conflict(WorkflowError):
    """The row changed under the caller, or its state does not allow the change (HTTP 409)."""

    status_code = 409
    default_detail = "The object changed or is not in a state that allows this."


class StaleVersion(Conflict):
    default_detail = "Someone saved a newer version first: reload and apply your change again."


class IllegalTransition(Conflict):
    default_detail = "This change is not allowed in the object's current state."
