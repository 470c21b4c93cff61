"""/api/v1/claims/{id}/matches/, …/links/ and /api/v1/matches/: "Checked before?": a claim's matches, linking, and a search for other tools."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from claims.extraction import ExtractionError, extract_facts
from claims.permissions import IsFactChecker, IsNewsroomMember
from reviews.api.base import WorkflowApi, claim_for_work
from reviews.api.serializers import MAX_ID, errors
from reviews.matching import matches_for_text, probable_threshold
from reviews.matching_links import claim_link_create
from reviews.matching_models import MatchItem
from reviews.matching_present import claim_match_rows, item_rows

MAX_SEARCH_TEXT = 5000


class MatchOutputSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="0 to 1: how likely it is the same claim.")
    probable = serializers.BooleanField(help_text="Above the 'probably the same claim' level.")
    reasons = serializers.ListField(
        child=serializers.DictField(), help_text="Machine keys with parameters."
    )
    reasons_text = serializers.ListField(child=serializers.CharField())
    kind = serializers.CharField(help_text="claim, verdict (ours, published) or imported.")
    claim_text = serializers.CharField()
    rating = serializers.CharField(allow_blank=True)
    publisher = serializers.CharField(allow_blank=True)
    url = serializers.CharField(allow_blank=True)
    language = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)
    item = serializers.IntegerField(help_text="The match's id, for POST …/links/.")
    claim = serializers.IntegerField(allow_null=True, help_text="Our earlier claim, if ours.")
    verdict = serializers.IntegerField(allow_null=True, help_text="Its published verdict.")

    class Meta:
        ref_name = "Match"


class ClaimMatchOutputSerializer(MatchOutputSerializer):
    linked = serializers.BooleanField(help_text="A person linked the claim to this match.")

    class Meta:
        ref_name = "ClaimMatch"


class ClaimMatchListApi(WorkflowApi):
    """GET /api/v1/claims/{id}/matches/: the stored matches, best first."""

    permission_classes = [IsNewsroomMember]

    @extend_schema(
        operation_id="claim_matches",
        responses={200: ClaimMatchOutputSerializer(many=True), **errors(401, 403, 404)},
        tags=["matching"],
    )
    def get(self, request, pk: int):
        claim = claim_for_work(pk)
        return Response(ClaimMatchOutputSerializer(claim_match_rows(claim), many=True).data)


class ClaimLinkCreateApi(WorkflowApi):
    """POST /api/v1/claims/{id}/links/: "same claim as…" a match."""

    permission_classes = [IsFactChecker]

    class InputSerializer(serializers.Serializer):
        item = serializers.IntegerField(min_value=1, max_value=MAX_ID)

        class Meta:
            ref_name = "ClaimLinkInput"

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        claim = serializers.IntegerField()
        item = serializers.IntegerField()
        draft_verdict = serializers.IntegerField(
            allow_null=True, help_text="A draft started from our earlier published verdict."
        )

        class Meta:
            ref_name = "ClaimLink"

    @extend_schema(
        operation_id="claim_links_create",
        request=InputSerializer,
        responses={201: OutputSerializer, 200: OutputSerializer, **errors(400, 401, 403, 404)},
        tags=["matching"],
    )
    def post(self, request, pk: int):
        claim = claim_for_work(pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = get_object_or_404(MatchItem, pk=data.validated_data["item"])
        link, created, draft = claim_link_create(claim=claim, item=item, actor=request.user)
        body = {
            "id": link.pk,
            "claim": claim.pk,
            "item": item.pk,
            "draft_verdict": draft.pk if draft else None,
        }
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class MatchSearchApi(WorkflowApi):
    """GET /api/v1/matches/?text=…&lang=…: what this text matches, for a newsroom's tools."""

    permission_classes = [IsNewsroomMember]

    class QuerySerializer(serializers.Serializer):
        text = serializers.CharField(max_length=MAX_SEARCH_TEXT)
        lang = serializers.ChoiceField(choices=["ar", "en"], required=False)

        class Meta:
            ref_name = "MatchSearchQuery"

    @extend_schema(
        operation_id="matches_search",
        parameters=[
            OpenApiParameter("text", str, required=True, description="The claim to look up."),
            OpenApiParameter("lang", str, enum=["ar", "en"], description="Its language."),
        ],
        responses={200: MatchOutputSerializer(many=True), **errors(400, 401, 403)},
        tags=["matching"],
    )
    def get(self, request):
        query = self.QuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text, language = query.validated_data["text"], query.validated_data.get("lang")
        try:
            facts = extract_facts(text, language)
        except ExtractionError:
            facts = []
        scored = matches_for_text(text=text, facts=facts, language=language)
        level = probable_threshold()
        rows = item_rows([(item, m.score, m.score >= level, m.reasons) for item, m in scored])
        return Response(MatchOutputSerializer(rows, many=True).data)
