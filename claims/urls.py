from django.urls import path

from claims import api
from claims.api_sources import ClaimCandidateSourcesApi, ClaimEvidenceApi, ClaimSourceAttachApi

urlpatterns = [
    # /api/v1/articles/
    path("articles/", api.ArticleCreateApi.as_view(), name="api-article-create"),
    path("articles/<int:pk>/", api.ArticleDetailApi.as_view(), name="api-article-detail"),
    path(
        "articles/<int:pk>/claims/",
        api.ArticleClaimCreateApi.as_view(),
        name="api-article-claim-create",
    ),
    # /api/v1/claims/
    path("claims/", api.ClaimListApi.as_view(), name="api-claim-list"),
    path("claims/<int:pk>/", api.ClaimDetailApi.as_view(), name="api-claim-detail"),
    path("claims/<int:pk>/split/", api.ClaimSplitApi.as_view(), name="api-claim-split"),
]

# /api/v1/claims/{id}/sources|evidence
urlpatterns += [
    path("claims/<int:pk>/sources/", ClaimSourceAttachApi.as_view(), name="claim-sources"),
    path("claims/<int:pk>/evidence/", ClaimEvidenceApi.as_view(), name="claim-evidence"),
    path(
        "claims/<int:pk>/candidate-sources/",
        ClaimCandidateSourcesApi.as_view(),
        name="claim-candidate-sources",
    ),
]
