"""/api/v1/articles/: articles in, their claims out."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from claims.ingest import ArticleRejected, article_submit
from claims.models import Article, ArticleURL, Claim
from claims.permissions import IsFactChecker
from claims.stance_counts import with_stance_counts
from claims.web_addresses import WebAddressField
from reviews.api.base import WorkflowApi, WorkflowListApi
from reviews.api.corrections import CorrectionNoticeSerializer
from reviews.api.serializers import MAX_INT, ClaimSerializer, errors
from reviews.corrections import article_corrections
from reviews.filters import ArticleFilter, articles_with_counts
from reviews.lifecycle import claim_add


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
    corrections = serializers.SerializerMethodField(
        help_text="Correction notices: the article's inconsistencies, resolved and approved."
    )

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
            "corrections",
        ]
        read_only_fields = fields

    @extend_schema_field(CorrectionNoticeSerializer(many=True))
    def get_corrections(self, article: Article) -> list[dict]:
        return CorrectionNoticeSerializer(article_corrections(article.pk), many=True).data


def article_for_output(pk: int) -> Article:
    """A fixed number of queries however many claims the article has."""
    claims = with_stance_counts(Claim.objects.select_related("queue")).order_by("start", "id")
    return get_object_or_404(
        Article.objects.prefetch_related(
            Prefetch("claims", queryset=claims),
            Prefetch("urls", queryset=ArticleURL.objects.order_by("id")),
        ),
        pk=pk,
    )


class ArticleListItemSerializer(serializers.ModelSerializer):
    published_urls = serializers.SlugRelatedField(
        source="urls", slug_field="url", many=True, read_only=True
    )
    open_claims = serializers.IntegerField(read_only=True)
    inconsistency_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        ref_name = "ArticleListItem"
        fields = [
            "id",
            "title",
            "status",
            "language",
            "publisher",
            "published_on",
            "source_url",
            "published_urls",
            "created_at",
            "extracted_at",
            "open_claims",
            "inconsistency_count",
        ]
        read_only_fields = fields


class ArticleCreateApi(WorkflowListApi):
    """GET: the articles, searched and filtered; POST: submit one."""

    serializer_class = ArticleListItemSerializer
    filterset_class = ArticleFilter

    def get_queryset(self):
        return (
            articles_with_counts()
            .prefetch_related(Prefetch("urls", queryset=ArticleURL.objects.order_by("id")))
            .order_by("-created_at", "-id")
        )

    @extend_schema(
        responses={200: ArticleListItemSerializer(many=True), **errors(400, 401, 403)},
        summary="Articles: Arabic-aware search, filters and sorting, paginated",
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=500, required=False, allow_blank=True)
        body = serializers.CharField(
            required=False,
            allow_blank=True,
            trim_whitespace=False,
            help_text="The article text (HTML is stripped). Give `body` or `url`.",
        )
        url = WebAddressField(
            required=False,
            allow_blank=True,
            help_text="Fetch the article from this address instead.",
        )
        language = serializers.ChoiceField(
            choices=["ar", "en"], required=False, allow_null=True, allow_blank=True
        )
        published_url = WebAddressField(
            required=False,
            allow_blank=True,
            allow_null=True,
            help_text="Where the publisher shows it (the public badge looks it up by this).",
        )
        published_on = serializers.DateField(
            required=False,
            allow_null=True,
            help_text="The article's own publication date (ISO), published as ClaimReview "
            "itemReviewed.datePublished; for a `url`, read from the page when omitted.",
        )

        class Meta:
            ref_name = "ArticleCreateInput"

        def validate(self, attrs):
            if not attrs.get("body") and not attrs.get("url"):
                raise serializers.ValidationError(_("Give the article's `body` or its `url`."))
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
                published_on=values.get("published_on"),
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
