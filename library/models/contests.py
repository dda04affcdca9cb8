"""Speech-contest guides: how to coach a category, with the rubric judges score by."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from library.rubrics import check_rubric_points

from .pages import LibraryPage
from .viewpoints import Viewpoint


class SpeechCategory(models.TextChoices):
    RECITATION = "recitation", _("Recitation (暗唱)")
    ORIGINAL = "original", _("Original speech (弁論)")
    SHORT_SPEECH = "short_speech", _("Short speech")


class SpeechGuideForm(WagtailAdminPageForm):
    """Refuses a rubric whose points do not total 100, naming the total it found."""

    def clean(self):
        cleaned = super().clean()
        criteria = self.formsets.get("rubric_criteria")
        if criteria is not None and all(form.is_valid() for form in criteria.forms):
            points = [
                form.cleaned_data.get("points")
                for form in criteria.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ]
            try:
                check_rubric_points(points)
            except Exception as error:  # noqa: BLE001 - re-raised as a form error below
                self.add_error(None, error)
        return cleaned


class SpeechContestGuidePage(LibraryPage):
    kind = "speech_contest_guide"
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=SpeechCategory.choices,
        default=SpeechCategory.RECITATION,
    )
    time_limit_seconds = models.PositiveIntegerField(
        _("time limit (seconds)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(30), MaxValueValidator(1800)],
        help_text=_("e.g. 180 for a three-minute recitation."),
    )

    base_form_class = SpeechGuideForm
    parent_page_types = ["library.SpeechContestIndexPage"]
    subpage_types: list[str] = []
    template = "library/speech_contest_guide_page.html"

    content_panels = [
        *LibraryPage.content_panels[:-2],
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("time_limit_seconds")], heading=_("Contest")
        ),
        InlinePanel("rubric_criteria", label=_("Rubric criteria (points total 100)")),
        *LibraryPage.content_panels[-2:],
    ]

    class Meta:
        verbose_name = _("speech-contest guide")
        verbose_name_plural = _("speech-contest guides")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["rubric"] = list(self.rubric_criteria.all())
        context["rubric_total"] = sum(criterion.points or 0 for criterion in context["rubric"])
        return context

    def type_facts(self) -> list[tuple[str, object]]:
        facts: list[tuple[str, object]] = [(_("Category"), self.get_category_display())]
        if self.time_limit_seconds:
            facts.append((_("Time limit"), self.time_limit_label))
        return facts

    @property
    def time_limit_label(self) -> str:
        if not self.time_limit_seconds:
            return ""
        minutes, seconds = divmod(self.time_limit_seconds, 60)
        return f"{minutes}:{seconds:02d}"


class RubricCriterion(Orderable):
    guide = ParentalKey(
        SpeechContestGuidePage, on_delete=models.CASCADE, related_name="rubric_criteria"
    )
    criterion = models.CharField(_("criterion (English)"), max_length=100)
    criterion_ja = models.CharField(_("criterion (Japanese)"), max_length=100, blank=True)
    points = models.PositiveSmallIntegerField(
        _("points"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    # Which 観点 the criterion evaluates: a speaking test (パフォーマンステスト) is graded per
    # 観点, so its score sheet heads each column with it. Contest rubrics may leave it empty.
    viewpoint = models.CharField(
        _("viewpoint (観点)"), max_length=12, choices=Viewpoint.choices, blank=True
    )

    panels = [
        FieldPanel("criterion"),
        FieldPanel("criterion_ja"),
        FieldPanel("points"),
        FieldPanel("viewpoint"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return f"{self.criterion} ({self.points})"
