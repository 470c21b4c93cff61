"""The REST API's routes, mounted at /api/v1/: one block per area, each served by its module."""

from django.urls import path

from reviews.api import (
    articles,
    auth,
    claims,
    corrections,
    discussion,
    inbox,
    matching,
    monitoring,
    queues,
    sources,
    verdicts,
)

urlpatterns = [
    # /api/v1/auth/
    path("auth/token/", auth.AuthTokenApi.as_view(), name="api-auth-token"),
    # /api/v1/articles/
    path("articles/", articles.ArticleCreateApi.as_view(), name="api-article-create"),
    path("articles/<int:pk>/", articles.ArticleDetailApi.as_view(), name="api-article-detail"),
    path(
        "articles/<int:pk>/claims/",
        articles.ArticleClaimCreateApi.as_view(),
        name="api-article-claim-create",
    ),
    path(
        "articles/<int:pk>/corrections/",
        corrections.ArticleCorrectionsApi.as_view(),
        name="api-article-corrections",
    ),
    # /api/v1/queues/
    path("queues/", queues.QueueListApi.as_view(), name="api-queue-list"),
    path("queues/<slug:slug>/next/", queues.QueueNextApi.as_view(), name="api-queue-next"),
    # /api/v1/claims/ (listing, editing, assignment, life cycle, history)
    path("claims/", claims.ClaimListApi.as_view(), name="api-claim-list"),
    path("claims/bulk-assign/", claims.ClaimBulkAssignApi.as_view(), name="api-claim-bulk-assign"),
    path("claims/bulk/", claims.ClaimBulkActionApi.as_view(), name="api-claim-bulk-action"),
    path("claims/<int:pk>/", claims.ClaimDetailApi.as_view(), name="api-claim-detail"),
    path("claims/<int:pk>/split/", claims.ClaimSplitApi.as_view(), name="api-claim-split"),
    path("claims/<int:pk>/take/", claims.ClaimTakeApi.as_view(), name="api-claim-take"),
    path("claims/<int:pk>/release/", claims.ClaimReleaseApi.as_view(), name="api-claim-release"),
    path("claims/<int:pk>/reassign/", claims.ClaimReassignApi.as_view(), name="api-claim-reassign"),
    path("claims/<int:pk>/dismiss/", claims.ClaimDismissApi.as_view(), name="api-claim-dismiss"),
    path("claims/<int:pk>/reopen/", claims.ClaimReopenApi.as_view(), name="api-claim-reopen"),
    path(
        "claims/<int:pk>/comments/",
        discussion.ClaimCommentsApi.as_view(),
        name="api-claim-comments",
    ),
    path("claims/<int:pk>/history/", claims.ClaimHistoryApi.as_view(), name="api-claim-history"),
    # /api/v1/claims/{id}/sources|evidence|candidate-sources/
    path("claims/<int:pk>/sources/", sources.ClaimSourceAttachApi.as_view(), name="claim-sources"),
    path("claims/<int:pk>/evidence/", sources.ClaimEvidenceApi.as_view(), name="claim-evidence"),
    path(
        "claims/<int:pk>/candidate-sources/",
        sources.ClaimCandidateSourcesApi.as_view(),
        name="claim-candidate-sources",
    ),
    # /api/v1/claims/{id}/matches|links/ and /api/v1/matches/ ("Checked before?")
    path(
        "claims/<int:pk>/matches/", matching.ClaimMatchListApi.as_view(), name="api-claim-matches"
    ),
    path("claims/<int:pk>/links/", matching.ClaimLinkCreateApi.as_view(), name="api-claim-links"),
    path("matches/", matching.MatchSearchApi.as_view(), name="api-match-search"),
    # /api/v1/claims/{id}/verdicts/ and the draft being written
    path(
        "claims/<int:pk>/verdicts/", verdicts.ClaimVerdictsApi.as_view(), name="api-claim-verdicts"
    ),
    path(
        "claims/<int:pk>/verdict-draft/",
        verdicts.VerdictDraftApi.as_view(),
        name="api-verdict-draft",
    ),
    # /api/v1/claims/{id}/outcome/: an inconsistency resolved, not rated
    path("claims/<int:pk>/outcome/", corrections.ClaimOutcomeApi.as_view(), name="api-outcome"),
    path(
        "claims/<int:pk>/outcome/accept/",
        corrections.ClaimOutcomeAcceptApi.as_view(),
        name="api-outcome-accept",
    ),
    # /api/v1/verdicts/
    path("verdicts/<int:pk>/", verdicts.VerdictDetailApi.as_view(), name="api-verdict-detail"),
    path(
        "verdicts/<int:pk>/submit/", verdicts.VerdictSubmitApi.as_view(), name="api-verdict-submit"
    ),
    path(
        "verdicts/<int:pk>/approve/",
        verdicts.VerdictApproveApi.as_view(),
        name="api-verdict-approve",
    ),
    path(
        "verdicts/<int:pk>/return/", verdicts.VerdictReturnApi.as_view(), name="api-verdict-return"
    ),
    # /api/v1/inbox/ and /api/v1/notifications/
    path("inbox/", inbox.InboxApi.as_view(), name="api-inbox"),
    path("notifications/", inbox.NotificationListApi.as_view(), name="api-notification-list"),
    path(
        "notifications/read-all/",
        inbox.NotificationReadAllApi.as_view(),
        name="api-notification-read-all",
    ),
    path(
        "notifications/<int:pk>/read/",
        inbox.NotificationReadApi.as_view(),
        name="api-notification-read",
    ),
    # /api/v1/feeds/ and /api/v1/webhooks/ (reviews/api/monitoring.py)
    path("feeds/", monitoring.FeedListApi.as_view(), name="api-feed-list"),
    path("feeds/<int:pk>/", monitoring.FeedDetailApi.as_view(), name="api-feed-detail"),
    path("webhooks/", monitoring.WebhookListApi.as_view(), name="api-webhook-list"),
    path(
        "webhooks/<int:pk>/deliveries/",
        monitoring.WebhookDeliveryListApi.as_view(),
        name="api-webhook-deliveries",
    ),
    path(
        "webhook-deliveries/<int:pk>/resend/",
        monitoring.WebhookDeliveryResendApi.as_view(),
        name="api-webhook-delivery-resend",
    ),
]
