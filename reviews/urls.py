"""Review workflow API routes, mounted at /api/v1/ (claims.urls holds articles and claim editing)."""

from django.urls import path

from reviews import api

urlpatterns = [
    # /api/v1/auth/
    path("auth/token/", api.AuthTokenApi.as_view(), name="api-auth-token"),
    # /api/v1/queues/
    path("queues/", api.QueueListApi.as_view(), name="api-queue-list"),
    path("queues/<slug:slug>/next/", api.QueueNextApi.as_view(), name="api-queue-next"),
    # /api/v1/claims/ (assignment, life cycle, history)
    path("claims/bulk-assign/", api.ClaimBulkAssignApi.as_view(), name="api-claim-bulk-assign"),
    path("claims/<int:pk>/release/", api.ClaimReleaseApi.as_view(), name="api-claim-release"),
    path("claims/<int:pk>/reassign/", api.ClaimReassignApi.as_view(), name="api-claim-reassign"),
    path("claims/<int:pk>/dismiss/", api.ClaimDismissApi.as_view(), name="api-claim-dismiss"),
    path("claims/<int:pk>/reopen/", api.ClaimReopenApi.as_view(), name="api-claim-reopen"),
    path("claims/<int:pk>/history/", api.ClaimHistoryApi.as_view(), name="api-claim-history"),
    # /api/v1/claims/{id}/verdicts/ and the draft being written
    path("claims/<int:pk>/verdicts/", api.ClaimVerdictsApi.as_view(), name="api-claim-verdicts"),
    path("claims/<int:pk>/verdict-draft/", api.VerdictDraftApi.as_view(), name="api-verdict-draft"),
    # /api/v1/verdicts/
    path("verdicts/<int:pk>/", api.VerdictDetailApi.as_view(), name="api-verdict-detail"),
    path("verdicts/<int:pk>/submit/", api.VerdictSubmitApi.as_view(), name="api-verdict-submit"),
    path("verdicts/<int:pk>/approve/", api.VerdictApproveApi.as_view(), name="api-verdict-approve"),
    path("verdicts/<int:pk>/return/", api.VerdictReturnApi.as_view(), name="api-verdict-return"),
    # /api/v1/inbox/ and /api/v1/notifications/
    path("inbox/", api.InboxApi.as_view(), name="api-inbox"),
    path("notifications/", api.NotificationListApi.as_view(), name="api-notification-list"),
    path(
        "notifications/read-all/",
        api.NotificationReadAllApi.as_view(),
        name="api-notification-read-all",
    ),
    path(
        "notifications/<int:pk>/read/",
        api.NotificationReadApi.as_view(),
        name="api-notification-read",
    ),
]
