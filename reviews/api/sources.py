"""/api/v1/claims/{id}/sources|evidence|candidate-sources/: a claim's sources and the evidence in them."""

from __future__ import annotations

import re

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.errors import WorkflowError
from claims.models import Claim, Evidence, Snapshot, Source
from claims.permissions import IsFactChecker, IsNewsroomMember
from claims.url_keys import InvalidURL, source_url_normalized
from claims.web_addresses import WebAddressField
from reviews.api.serializers import errors
from reviews.source_access import claim_source_attach

_LINK = re.compile(r"""https?://[^\s<>"'\])}»،]+""", re.IGNORECASE)


_TRAILING = ".,;:!?؟»"


class SourceOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "url", "normalized_url", "status", "failure_reason", "created_at"]


class ClaimSourceAttachApi(APIView):
    """POST /api/v1/claims/{id}/sources/: cite a URL; a Celery task fetches and checks it."""

    permission_classes = [IsAuthenticated, IsFactChecker]

    class InputSerializer(serializers.Serializer):
        url = WebAddressField(label=gettext_lazy("Source URL"))

    @extend_schema(
        operation_id="claim_sources_attach",
        request=InputSerializer,
        responses={
            201: SourceOutputSerializer,
            200: OpenApiResponse(SourceOutputSerializer, description="Already cited"),
            **errors(400, 401, 403, 404),
        },
        tags=["sources"],
    )
    def post(self, request, pk: int):
        claim = get_object_or_404(Claim, pk=pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            citation, created = claim_source_attach(
                claim=claim, url=data.validated_data["url"], actor=request.user
            )
        except InvalidURL as error:
            return Response({"detail": str(error)}, status=status.HTTP_400_BAD_REQUEST)
        except WorkflowError as error:
            return Response({"detail": error.detail}, status=error.status_code)
        source = Source.objects.get(pk=citation.source_id)
        return Response(
            SourceOutputSerializer(source).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class FactResultSerializer(serializers.Serializer):
    type = serializers.CharField()
    claim_text = serializers.CharField()
    result = serializers.ChoiceField(choices=["equal", "different", "absent"])
    seen = serializers.CharField(allow_null=True)
    passage = serializers.DictField(allow_null=True)


class PassageSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()


class EvidenceRowSerializer(serializers.Serializer):
    source_id = serializers.IntegerField()
    url = serializers.CharField()
    status = serializers.ChoiceField(choices=Source.Status.choices)
    failure_reason = serializers.CharField(allow_blank=True)
    attempts = serializers.IntegerField()
    snapshot_id = serializers.IntegerField(allow_null=True)
    fetched_at = serializers.DateTimeField(allow_null=True)
    final_url = serializers.CharField(allow_null=True)
    http_status = serializers.IntegerField(allow_null=True)
    content_type = serializers.CharField(allow_null=True)
    sha256 = serializers.CharField(allow_null=True)
    title = serializers.CharField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    stance = serializers.ChoiceField(choices=Evidence.Stance.choices, allow_null=True)
    facts = FactResultSerializer(many=True)
    passages = PassageSerializer(many=True)
    content_changed = serializers.BooleanField()
    is_dead = serializers.BooleanField()


def _evidence_row(source: Source, claim: Claim) -> dict:
    snapshots = list(source.snapshots.all())
    snapshot: Snapshot | None = snapshots[0] if snapshots else None
    evidence = None
    if snapshot is not None:
        evidence = next((e for e in snapshot.evidence.all() if e.claim_id == claim.pk), None)
    passages = []
    if evidence is not None:
        passages = [
            {**p, "text": snapshot.text[p["start"] : p["end"]]} for p in evidence.passages or []
        ]
    return {
        "source_id": source.pk,
        "url": source.url,
        "status": source.status,
        "failure_reason": source.failure_reason,
        "attempts": source.attempts,
        "snapshot_id": snapshot.pk if snapshot else None,
        "fetched_at": snapshot.fetched_at if snapshot else None,
        "final_url": snapshot.final_url if snapshot else None,
        "http_status": snapshot.http_status if snapshot else None,
        "content_type": snapshot.content_type if snapshot else None,
        "sha256": snapshot.sha256 if snapshot else None,
        "title": snapshot.title if snapshot else None,
        "published_on": snapshot.published_on if snapshot else None,
        "stance": evidence.stance if evidence else None,
        "facts": evidence.fact_results if evidence else [],
        "passages": passages,
        "content_changed": source.content_changed,
        "is_dead": source.is_dead,
    }


class ClaimEvidenceApi(APIView):
    """GET /api/v1/claims/{id}/evidence/: per source, fetch progress and what it says.

    Poll it: each source goes pending → fetching → checked, or failed with a reason.
    """

    permission_classes = [IsAuthenticated, IsNewsroomMember]

    @extend_schema(
        operation_id="claim_evidence_list",
        responses={
            200: EvidenceRowSerializer(many=True),
            **errors(401, 403, 404),
        },
        tags=["sources"],
    )
    def get(self, request, pk: int):
        claim = get_object_or_404(Claim, pk=pk)
        latest_first = Snapshot.objects.order_by("-fetched_at", "-pk").prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.filter(claim=claim))
        )
        sources = (
            Source.objects.filter(citations__claim=claim)
            .prefetch_related(Prefetch("snapshots", queryset=latest_first))
            .order_by("citations__created_at", "pk")
        )
        rows = [_evidence_row(source, claim) for source in sources]
        return Response(EvidenceRowSerializer(rows, many=True).data)


class CandidateSourceSerializer(serializers.Serializer):
    url = serializers.CharField()
    normalized_url = serializers.CharField()
    attached = serializers.BooleanField()


def article_links(body: str) -> list[str]:
    """http(s) links written in an article's text, in order, each once."""
    found: list[str] = []
    seen: set[str] = set()
    for match in _LINK.finditer(body or ""):
        url = match.group(0).rstrip(_TRAILING)
        try:
            key = source_url_normalized(url)
        except InvalidURL:
            continue
        if key not in seen:
            seen.add(key)
            found.append(url)
    return found


class ClaimCandidateSourcesApi(APIView):
    """GET /api/v1/claims/{id}/candidate-sources/: the article's own links, offered as sources."""

    permission_classes = [IsAuthenticated, IsNewsroomMember]

    @extend_schema(
        operation_id="claim_candidate_sources_list",
        responses={
            200: CandidateSourceSerializer(many=True),
            **errors(401, 403, 404),
        },
        tags=["sources"],
    )
    def get(self, request, pk: int):
        claim = get_object_or_404(Claim.objects.select_related("article"), pk=pk)
        attached = set(
            Source.objects.filter(citations__claim=claim).values_list("normalized_url", flat=True)
        )
        rows = []
        for url in article_links(claim.article.body):
            normalized = source_url_normalized(url)
            rows.append(
                {"url": url, "normalized_url": normalized, "attached": normalized in attached}
            )
        return Response(CandidateSourceSerializer(rows, many=True).data)
