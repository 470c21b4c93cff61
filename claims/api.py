"""The claims API (/api/v1/): articles in, their claims out, and a checker's edits to claims."""

import django_filters
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from claims.ingest import ArticleRejected, article_submit
from claims.models import Article, ArticleURL, Claim
from reviews.api import IsFactChecker, WorkflowApi, WorkflowListApi, claim_for_work
from reviews.lifecycle import claim_add, claim_split, claim_update_span
from reviews.serializers import MAX_INT, ClaimSerializer, errors


class ArticleClaimSerializer(ClaimSerializer):
    """A claim as listed inside its article: the article itself and timestamps left out."""

    class Meta(ClaimSerializer.Meta):
        ref_name = "ArticleClaim"
        fields = [
            name
            for name in ClaimSerializer.Meta.fields
            if name not in {"article", "dismiss_reason", "created_at", "updated_at"}
        ]
        read_only_fields = fields


class ArticleSerializer(serializers.ModelSerializer):
    published_urls = serializers.SlugRelatedField(
        source="urls", slug_field="url", many=True, read_only=True
    )
    claims = ArticleClaimSerializer(many=True, read_only=True)

    class Meta:
        model = Article
        ref_name = "Article"
        fields = [
            "id",
            "title",
            "status",
            "status_detail",
            "language",
            "publisher",
            "published_on",
            "source_url",
            "published_urls",
            "body",
            "created_at",
            "extracted_at",
            "claims",
        ]
        read_only_fields = fields


def article_for_output(pk: int) -> Article:
    """A fixed number of queries however many claims the article has."""
    claims = Claim.objects.select_related("queue").order_by("start", "id")
    return get_object_or_404(
        Article.objects.prefetch_related(
            Prefetch("claims", queryset=claims),
            Prefetch("urls", queryset=ArticleURL.objects.order_by("id")),
        ),
        pk=pk,
    )


# --- /api/v1/articles/ -------------------------------------------------------------------------


class ArticleCreateApi(WorkflowApi):
    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=500, required=False, allow_blank=True)
        body = serializers.CharField(
            required=False,
            allow_blank=True,
            trim_whitespace=False,
            help_text="The article text (HTML is stripped). Give `body` or `url`.",
        )
        url = serializers.CharField(
            max_length=2000,
            required=False,
            allow_blank=True,
            help_text="Fetch the article from this address instead.",
        )
        language = serializers.ChoiceField(
            choices=["ar", "en"], required=False, allow_null=True, allow_blank=True
        )
        published_url = serializers.CharField(
            max_length=2000,
            required=False,
            allow_blank=True,
            allow_null=True,
            help_text="Where the publisher shows it (the public badge looks it up by this).",
        )

        class Meta:
            ref_name = "ArticleCreateInput"

        def validate(self, attrs):
            if not attrs.get("body") and not attrs.get("url"):
                raise serializers.ValidationError("Give the article's `body` or its `url`.")
            return attrs

    @extend_schema(
        request=InputSerializer,
        responses={
            201: OpenApiResponse(ArticleSerializer, description="Stored; extraction started."),
            200: OpenApiResponse(ArticleSerializer, description="Already known: that article."),
            **errors(400, 401, 403, 409, 413),
        },
        summary="Submit an article (its text or its URL); claims are extracted in the background",
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            article, created = article_submit(
                title=values.get("title") or "",
                body=values.get("body") or None,
                url=values.get("url") or None,
                language=values.get("language") or None,
                published_url=values.get("published_url") or None,
                submitted_by=request.user,
            )
        except ArticleRejected as rejected:
            error = APIException(detail=rejected.detail)
            error.status_code = rejected.status_code
            raise error from None
        return Response(
            ArticleSerializer(article_for_output(article.pk)).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ArticleDetailApi(WorkflowApi):
    @extend_schema(
        responses={200: ArticleSerializer, **errors(401, 403, 404)},
        summary="An article with its claims",
    )
    def get(self, request, pk: int):
        return Response(ArticleSerializer(article_for_output(pk)).data)


class ArticleClaimCreateApi(WorkflowApi):
    permission_classes = [IsFactChecker]

    class InputSerializer(serializers.Serializer):
        start = serializers.IntegerField(min_value=0, max_value=MAX_INT)
        end = serializers.IntegerField(min_value=1, max_value=MAX_INT)
        kind = serializers.ChoiceField(choices=Claim.Kind.choices, default=Claim.Kind.STATEMENT)

        class Meta:
            ref_name = "ClaimAddInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: ClaimSerializer, **errors(400, 401, 403, 404)},
        summary="Add a claim the extractor missed (origin `manual`), routed like the others",
    )
    def post(self, request, pk: int):
        article = get_object_or_404(Article, pk=pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = claim_add(article=article, actor=request.user, **data.validated_data)
        return Response(ClaimSerializer(claim).data, status=status.HTTP_201_CREATED)


# --- /api/v1/claims/ ---------------------------------------------------------------------------


class ClaimFilter(django_filters.FilterSet):
    article = django_filters.NumberFilter(field_name="article_id")
    status = django_filters.ChoiceFilter(choices=Claim.Status.choices)
    queue = django_filters.CharFilter(field_name="queue__slug", max_length=50)
    kind = django_filters.ChoiceFilter(choices=Claim.Kind.choices)

    class Meta:
        model = Claim
        fields = ["article", "status", "queue", "kind"]


class ClaimListApi(WorkflowListApi):
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    queryset = Claim.objects.select_related("queue").order_by("-created_at", "-id")

    @extend_schema(
        responses={200: ClaimSerializer(many=True), **errors(400, 401, 403)},
        summary="Claims, filtered by article, status, queue and kind",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ClaimDetailApi(WorkflowApi):
    class UpdateInputSerializer(serializers.Serializer):
        start = serializers.IntegerField(min_value=0, max_value=MAX_INT)
        end = serializers.IntegerField(min_value=0, max_value=MAX_INT)
        version = serializers.IntegerField(
            min_value=0, max_value=MAX_INT, help_text="The version you read (409 if stale)."
        )

        class Meta:
            ref_name = "ClaimSpanInput"

    def get_permissions(self):
        if self.request.method == "PATCH":
            return [IsFactChecker()]
        return super().get_permissions()

    @extend_schema(responses={200: ClaimSerializer, **errors(401, 403, 404)}, summary="A claim")
    def get(self, request, pk: int):
        return Response(ClaimSerializer(claim_for_work(pk)).data)

    @extend_schema(
        request=UpdateInputSerializer,
        responses={200: ClaimSerializer, **errors(400, 401, 403, 404, 409)},
        summary="Adjust the claim's span; its text is re-read from the article",
    )
    def patch(self, request, pk: int):
        data = self.UpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = claim_update_span(
            claim=claim_for_work(pk), actor=request.user, **data.validated_data
        )
        return Response(ClaimSerializer(claim).data)


class ClaimSplitApi(WorkflowApi):
    permission_classes = [IsFactChecker]

    class InputSerializer(serializers.Serializer):
        at = serializers.IntegerField(
            min_value=0, max_value=MAX_INT, help_text="Article offset where the claim is cut."
        )
        version = serializers.IntegerField(
            min_value=0, max_value=MAX_INT, required=False, allow_null=True
        )

        class Meta:
            ref_name = "ClaimSplitInput"

    @extend_schema(
        request=InputSerializer,
        responses={201: ClaimSerializer(many=True), **errors(400, 401, 403, 404, 409)},
        summary="Split a claim in two at an offset (both become origin `manual`)",
    )
    def post(self, request, pk: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        first, second = claim_split(
            claim=claim_for_work(pk), actor=request.user, **data.validated_data
        )
        return Response(ClaimSerializer([first, second], many=True).data, status=201)
