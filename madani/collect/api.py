"""/api/v1/submissions/: what ODK Collect sent for the surveys of the user's branches (``?form=<id>``)."""

from rest_framework import mixins, serializers, viewsets

from .models import Submission
from .permissions import can_see_submissions


class SubmissionSerializer(serializers.ModelSerializer):
    form = serializers.PrimaryKeyRelatedField(source="questionnaire", read_only=True)
    files = serializers.SlugRelatedField(source="attachments", slug_field="name", many=True, read_only=True)
    replaces = serializers.SlugRelatedField(slug_field="instance_id", read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "form", "instance_id", "replaces", "answers", "score", "domain_scores", "complete", "files",
                  "received_at"]


class SubmissionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The latest version of each submission (an edit made on the phone replaces the one it edits)."""

    serializer_class = SubmissionSerializer

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or not can_see_submissions(user):
            return Submission.objects.none()
        queryset = Submission.objects.visible_to(user).current().prefetch_related("attachments")
        form = self.request.query_params.get("form", "")
        if form.isdigit() and len(form) < 12:
            queryset = queryset.filter(questionnaire_id=int(form))
        elif form:
            queryset = queryset.none()
        return queryset.select_related("replaces").order_by("-received_at", "-pk")
