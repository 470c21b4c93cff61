"""/api/v1/claims/{id}/outcome/ and /api/v1/articles/{id}/corrections/: inconsistencies resolved.

An inconsistency claim takes an outcome (a slug of the inconsistency scale, plus the value the
article should say), not a rating; approved through /api/v1/verdicts/{id}/approve/ like any
verdict, it becomes a correction notice for the newsroom and is never published.
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from claims.errors import InvalidInput
from claims.models import Article, Claim
from claims.permissions import IsFactChecker
from reviews.api.base import WorkflowApi, claim_for_work
from reviews.api.serializers import (
    MAX_ID,
    VerdictSerializer,
    VerdictWrittenSerializer,
    errors,
    verdicts_for_output,
    version_field,
)
from reviews.conflicts import source_suggestions
from reviews.corrections import (
    article_corrections,
    is_inconsistency,
    outcome_choices,
    outcome_suggestion_accept,
)
from reviews.models import Verdict
from reviews.verdicts import verdict_submit, verdict_working


class CorrectionNoticeSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim_id")
    verdict = serializers.IntegerField(source="verdict_id")
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    where = serializers.CharField(help_text="The article's words the notice is about.")
    outcome = serializers.CharField(help_text="Slug of the outcome, e.g. `should-say`.")
    outcome_label = serializers.CharField()
    should_say = serializers.CharField(help_text="Key of the right value, e.g. `month-7`.")
    should_say_label = serializers.CharField(help_text="The right value in words, e.g. July.")
    needs_correction = serializers.BooleanField(help_text="Whether the article must change.")
    notice = serializers.CharField(
        source="sentence",
        help_text="The notice in a sentence, e.g. “The article should say July where it says "
        "حزيران/يوليو.”",
    )
    rationale = serializers.CharField()
    checked_by = serializers.CharField()
    approved_by = serializers.CharField()
    approved_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "CorrectionNotice"


class OutcomeChoiceSerializer(serializers.Serializer):
    outcome = serializers.CharField(source="rating.slug")
    should_say = serializers.CharField()
    label = serializers.CharField()

    class Meta:
        ref_name = "OutcomeChoice"


class SuggestionSerializer(serializers.Serializer):
    snapshot = serializers.IntegerField(source="snapshot_id")
    should_say = serializers.CharField(source="key")
    value = serializers.CharField()
    sentence = serializers.CharField()

    class Meta:
        ref_name = "OutcomeSuggestion"


class OutcomeSerializer(serializers.Serializer):
    choices = OutcomeChoiceSerializer(many=True)
    suggestions = SuggestionSerializer(many=True)
    verdict = VerdictSerializer(allow_null=True)

    class Meta:
        ref_name = "Outcome"


def _inconsistency(pk: int) -> Claim:
    claim = claim_for_work(pk)
    if not is_inconsistency(claim):
        raise InvalidInput(_("Only an inconsistency takes an outcome; rate this claim instead."))
    return claim


class ClaimOutcomeApi(WorkflowApi):
    class InputSerializer(serializers.Serializer):
        outcome = serializers.SlugField(
            max_length=50,
            help_text="A slug of the inconsistency scale: by default "
            "`should-say`, `no-error`, `cannot-tell`.",
        )
        should_say = serializers.CharField(
            max_length=40,
            required=False,
            allow_blank=True,
            help_text="With `should-say`: the right value, one of the choices' `should_say`.",
        )
        rationale = serializers.CharField(required=False, allow_blank=True, max_length=20000)
        evidence = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            required=False,
            max_length=200,
            help_text="Ids of archived snapshots of the claim's sources that settle it.",
        )
        version = version_field()

        class Meta:
            ref_name = "OutcomeInput"

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsFactChecker()]
        return super().get_permissions()

    @extend_schema(
        responses={200: OutcomeSerializer, **errors(400, 401, 403, 404)},
        summary="An inconsistency's possible outcomes, what its sources back, and its outcome",
    )
    def get(self, request, pk: int):
        claim = _inconsistency(pk)
        working = (
            verdict_working(claim)
            or Verdict.objects.filter(claim=claim, status=Verdict.Status.PUBLISHED).first()
        )
        verdict = None
        if working is not None:
            verdict = verdicts_for_output(Verdict.objects.filter(pk=working.pk)).get()
        payload = {
            "choices": outcome_choices(claim),
            "suggestions": source_suggestions(claim),
            "verdict": verdict,
        }
        return Response(OutcomeSerializer(payload).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: VerdictWrittenSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Submit an inconsistency's outcome for an editor's review",
    )
    def post(self, request, pk: int):
        claim = _inconsistency(pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        verdict = verdict_submit(
            claim=claim,
            author=request.user,
            rating=values.pop("outcome"),
            should_say=values.pop("should_say", ""),
            **values,
        )
        return Response(VerdictWrittenSerializer(verdict).data, status=status.HTTP_201_CREATED)


class ClaimOutcomeAcceptApi(WorkflowApi):
    permission_classes = [IsFactChecker]

    class InputSerializer(serializers.Serializer):
        snapshot = serializers.IntegerField(
            min_value=1, max_value=MAX_ID, help_text="The suggestion's `snapshot`."
        )
        version = version_field()

        class Meta:
            ref_name = "OutcomeAcceptInput"

    @extend_schema(
        request=InputSerializer,
        responses={200: VerdictWrittenSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Fill the outcome draft with the value a cited source backs (and cite it)",
    )
    def post(self, request, pk: int):
        claim = _inconsistency(pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        verdict = outcome_suggestion_accept(
            claim=claim,
            author=request.user,
            snapshot_id=data.validated_data["snapshot"],
            version=data.validated_data.get("version"),
        )
        return Response(VerdictWrittenSerializer(verdict).data)


class ArticleCorrectionsApi(WorkflowApi):
    @extend_schema(
        responses={200: CorrectionNoticeSerializer(many=True), **errors(401, 403, 404)},
        summary="The article's correction notices: its inconsistencies, resolved and approved",
    )
    def get(self, request, pk: int):
        article = get_object_or_404(Article.objects.only("pk"), pk=pk)
        notices = article_corrections(article.pk)
        return Response(CorrectionNoticeSerializer(notices, many=True).data)
