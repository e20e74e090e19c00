"""/api/v1/forms/: the questionnaires a user sees, and uploading an XLSForm (multipart ``file``, with the
media and data files it names as ``media``) → 201 with the form, or 400 with pyxform's or Madani's
messages (each naming its row or file)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from rest_framework import mixins, parsers, serializers, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission

from madani.activities.models import Activity
from madani.api.filters import StrictFilterSet
from madani.branches.models import Branch

from . import services
from .forms import MAX_UPLOAD_BYTES
from .models import Questionnaire
from .permissions import can_upload_questionnaires
from .xlsform import read_xlsform


class FormPermission(BasePermission):
    """Center staff read the forms they see; those who upload questionnaires upload through the API too."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated and user.is_active and user.is_center_staff):
            return False
        return request.method in SAFE_METHODS or can_upload_questionnaires(user)


class FormSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True, help_text="The XLSForm (.xlsx or .xls), multipart.")
    media = serializers.ListField(
        child=serializers.FileField(), write_only=True, required=False,
        help_text="The files the form names, multipart, repeated: its images, audio and video, and the CSV, XML or "
                  "GeoJSON files it reads (select_one_from_file, pulldata) — those are required.")
    questions = serializers.SerializerMethodField()

    class Meta:
        model = Questionnaire
        fields = ["id", "title", "title_ar", "title_en", "kind", "version", "branch", "activity", "is_active",
                  "created_at", "questions", "file", "media"]
        read_only_fields = ["id", "title", "version", "is_active", "created_at", "questions"]
        extra_kwargs = {"title_ar": {"required": False}, "title_en": {"required": False},
                        "kind": {"required": True}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None or getattr(self.context.get("view"), "swagger_fake_view", False):
            return  # the OpenAPI schema documents every field
        self.fields["branch"].queryset = Branch.objects.visible_to(request.user)
        self.fields["activity"].queryset = Activity.objects.visible_to(request.user)

    def get_questions(self, questionnaire) -> int:
        from .xlsform import iter_questions

        return sum(1 for _question in iter_questions(questionnaire.definition))

    def validate_file(self, upload):
        if upload.size > MAX_UPLOAD_BYTES:
            raise serializers.ValidationError("The file is larger than 5 MB.")
        try:
            self.definition = read_xlsform(upload.read(), upload.name)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        upload.seek(0)
        return upload

    def validate(self, attrs):
        problems = services.media_check(self.definition, attrs.get("media") or []) if "file" in attrs else []
        if problems:
            raise serializers.ValidationError({"media": problems})
        return attrs

    def create(self, validated_data):
        upload, media = validated_data.pop("file"), validated_data.pop("media", [])
        actor = self.context["request"].user
        try:
            with transaction.atomic():  # the form and its files, or nothing
                questionnaire = services.questionnaire_create(actor=actor, data=validated_data,
                                                              definition=self.definition, upload=upload)
                services.media_attach(actor=actor, questionnaire=questionnaire, uploads=media)
                return questionnaire
        except DjangoValidationError as error:
            detail = error.message_dict if hasattr(error, "error_dict") else {"file": error.messages}
            raise serializers.ValidationError(detail) from None


class FormFilter(StrictFilterSet):
    class Meta:
        model = Questionnaire
        fields = ["kind", "branch", "activity"]


class FormViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Questionnaires (needs assessments, pre/post tests, surveys) the user sees; POST an XLSForm to add one."""

    serializer_class = FormSerializer
    permission_classes = [FormPermission]
    parser_classes = [parsers.MultiPartParser, parsers.FormParser]
    filterset_class = FormFilter

    def get_queryset(self):
        return Questionnaire.objects.visible_to(self.request.user).order_by("pk")

