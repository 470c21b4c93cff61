"""/api/v1/claims/{id}/comments/: the discussion on a claim."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from reviews.api.base import WorkflowApi, claim_for_work
from reviews.api.serializers import errors
from reviews.discussion import MAX_COMMENT_CHARS, comment_add
from reviews.models import Comment


class CommentSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)
    created = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = Comment
        ref_name = "Comment"
        fields = ["id", "author", "body", "kind", "created"]
        read_only_fields = fields


class ClaimCommentsApi(WorkflowApi):
    class InputSerializer(serializers.Serializer):
        body = serializers.CharField(
            max_length=MAX_COMMENT_CHARS, help_text="`@username` notifies that person."
        )

        class Meta:
            ref_name = "CommentInput"

    @extend_schema(
        responses={200: CommentSerializer(many=True), **errors(401, 403, 404)},
        summary="The claim's discussion, oldest first (editors' return comments included)",
    )
    def get(self, request, pk: int):
        claim = claim_for_work(pk)
        comments = Comment.objects.filter(claim=claim).select_related("author")
        return Response(CommentSerializer(comments, many=True).data)

    @extend_schema(
        request=InputSerializer,
        responses={201: CommentSerializer, **errors(400, 401, 403, 404)},
        summary="Comment on a claim; each @username mentioned is notified",
    )
    def post(self, request, pk: int):
        claim = claim_for_work(pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        comment = comment_add(claim=claim, author=request.user, body=data.validated_data["body"])
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)
