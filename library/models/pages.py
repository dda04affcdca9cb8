"""What every library page shares: bilingual text, the body blocks, taxonomy, licence,
attachments. Materials, speech-contest guides and club activities extend it.

A concrete (multi-table) base rather than an abstract one, so taxonomy, tags, attachments
and teachers' favourites hang on one table: search, facets, import/export and the shelf
treat the three page types alike without three copies of every query.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from library.blocks import LibraryBodyBlock
from library.filters import MAX_DURATION_MINUTES
from library.uploads import ALLOWED as ALLOWED_FILES

from .querysets import LibraryPageManager
from .taxonomy import ActivityType, Grade, Skill, TextbookUnit


class Licence(models.TextChoices):
    CC_BY = "cc-by", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa", "CC BY-NC-SA 4.0"
    CC0 = "cc0", "CC0 1.0"


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}

# File extension → the kind of file a teacher recognises (icons on the material page),
# from the one list of accepted files.
FILE_KINDS = {extension: kind.shown_as for extension, kind in ALLOWED_FILES.items()}


class LibraryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "library.LibraryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class LibraryPage(Page):
    """Not created directly: editors add a material, a speech guide or a club activity."""

    title_ja = models.CharField(_("title (Japanese)"), max_length=255, blank=True)
    summary = models.TextField(
        _("summary"),
        max_length=600,
        blank=True,
        help_text=_("Two or three sentences a teacher reads in the search results."),
    )
    summary_ja = models.TextField(_("summary (Japanese)"), max_length=600, blank=True)
    body = StreamField(LibraryBodyBlock(), blank=True, verbose_name=_("body"))
    grades = ParentalManyToManyField(Grade, verbose_name=_("grades"), blank=True)
    skills = ParentalManyToManyField(Skill, verbose_name=_("skill areas"), blank=True)
    textbook_units = ParentalManyToManyField(
        TextbookUnit, verbose_name=_("textbook units"), blank=True
    )
    activity_types = ParentalManyToManyField(
        ActivityType, verbose_name=_("activity types"), blank=True
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION_MINUTES)],
        help_text=_("How long it takes in class."),
    )
    tags = ClusterTaggableManager(through=LibraryPageTag, blank=True, verbose_name=_("tags"))
    licence = models.CharField(
        _("licence"), max_length=12, choices=Licence.choices, default=Licence.CC_BY
    )
    author_credit = models.CharField(
        _("author credit"),
        max_length=150,
        blank=True,
        help_text=_("Who made it, as they wish to be credited."),
    )

    objects = LibraryPageManager()

    # The page's own fields that hold a plain value (not the body, not the taxonomy), defined
    # once: the import compares and writes them (library/importing/state.py), a teacher's
    # submission copies them (library/sharing/submissions.py).
    PLAIN_FIELDS = (
        "title",
        "title_ja",
        "summary",
        "summary_ja",
        "duration_minutes",
        "licence",
        "author_credit",
    )

    is_creatable = False
    # The kind of library page, as the import format and the search API name it.
    kind = ""

    search_fields = [
        *Page.search_fields,
        index.SearchField("title_ja", boost=2),
        index.SearchField("summary"),
        index.SearchField("summary_ja"),
        index.SearchField("body"),
        index.FilterField("duration_minutes"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    bilingual_panels = [
        FieldPanel("title_ja"),
        FieldPanel("summary"),
        FieldPanel("summary_ja"),
    ]
    classification_panels = [
        FieldPanel("grades", widget=forms.CheckboxSelectMultiple),
        FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
        FieldPanel("activity_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("textbook_units"),
        FieldPanel("duration_minutes"),
        FieldPanel("tags"),
    ]
    credit_panels = [FieldPanel("licence"), FieldPanel("author_credit")]

    content_panels = [
        *Page.content_panels,
        *bilingual_panels,
        FieldPanel("body"),
        MultiFieldPanel(classification_panels, heading=_("For which classes")),
        InlinePanel("attachments", label=_("Files to download")),
        MultiFieldPanel(credit_panels, heading=_("Licence and credit")),
    ]

    class Meta:
        verbose_name = _("library page")

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def kind_label(self) -> str:
        """The page type in teachers' words ("teaching material", "speech-contest
        guide"), for lists that mix page types."""
        return str(self.specific_class._meta.verbose_name) if self.specific_class else ""

    def type_facts(self) -> list[tuple[str, object]]:
        """(label, value) facts only this page type has, for its printed sheet after the
        facts every page has; a page type with facts of its own overrides this."""
        return []

    def get_context(self, request, *args, **kwargs):
        """Everything the page shows beyond its own fields, fetched in a bounded number of
        queries. Nothing here depends on who is looking: the page HTML is the same for
        every visitor so it can be cached whole; per-user buttons come from the shelf."""
        context = super().get_context(request, *args, **kwargs)
        context["files"] = self.attachments.select_related("document", "image").order_by(
            "sort_order"
        )
        context["textbook_units"] = self.textbook_units.select_related("series", "grade")
        context["related_pages"] = LibraryPage.objects.related_cards(self)
        context["link_to_page"] = request.build_absolute_uri(self.get_url(request) or "/")
        # Home > section > this page: ancestors below the tree's invisible root.
        context["breadcrumbs"] = self.get_ancestors().filter(depth__gt=1).specific()
        return context


class LibraryAttachment(Orderable):
    """A file teachers download from a library page: a Wagtail document (PDF, Office,
    audio) or image. The preview is a picture of the first page, made on upload."""

    page = ParentalKey(LibraryPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"), max_length=150, blank=True, help_text=_("Defaults to the file's title.")
    )

    class PreviewStatus(models.TextChoices):
        WAITING = "waiting", _("being made")
        READY = "ready", _("ready")
        FAILED = "failed", _("no preview")
        NONE = "none", _("not previewed")  # audio and other files without pages

    # The picture of page 1 (strip and cards); the other page pictures are named after it
    # (library/previews/store.py). Made by the background worker, never in a request.
    preview = models.ImageField(_("preview"), upload_to="previews/", blank=True, editable=False)
    preview_pages = models.PositiveSmallIntegerField(_("preview pages"), default=0, editable=False)
    preview_status = models.CharField(
        _("preview"),
        max_length=10,
        choices=PreviewStatus.choices,
        default=PreviewStatus.WAITING,
        editable=False,
    )
    # The words inside the file (PDF, Word, PowerPoint, Excel), bounded, for search.
    text = models.TextField(_("text inside the file"), blank=True, editable=False)

    panels = [FieldPanel("document"), FieldPanel("image"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=False, image__isnull=True)
                | models.Q(document__isnull=True, image__isnull=False),
                name="attachment_is_a_document_or_an_image",
            )
        ]

    def __str__(self) -> str:
        return self.shown_title

    @property
    def shown_title(self) -> str:
        if self.title:
            return self.title
        item = self.document or self.image
        return item.title if item else ""

    @property
    def file(self):
        item = self.document or self.image
        return item.file if item else None

    @property
    def download_url(self) -> str:
        """Documents go through Wagtail's serve view (it counts and can restrict them);
        images are offered as the original upload, not a resized rendition."""
        if self.document is not None:
            return self.document.url
        if self.image is not None:
            return self.image.file.url
        return ""

    @property
    def file_name(self) -> str:
        """The stored file's own name ("bingo-sheet.docx"), as a download would call it."""
        file = self.file
        return file.name.rsplit("/", 1)[-1] if file else ""

    @property
    def file_extension(self) -> str:
        file = self.file
        if not file or "." not in file.name:
            return ""
        return file.name.rsplit(".", 1)[-1].lower()

    @property
    def file_size(self) -> int | None:
        """The stored size, or the storage's answer when an import left it empty. Not
        Wagtail's get_file_size(): that saves the document, a write on a page view."""
        item = self.document or self.image
        if item is None:
            return None
        if item.file_size is not None:
            return item.file_size
        try:
            return item.file.size
        except (OSError, ValueError):
            # A file missing from storage should not take the whole page down.
            return None

    @property
    def file_kind(self) -> str:
        """What a teacher will get, for the icon beside the download button."""
        return FILE_KINDS.get(self.file_extension, "image" if self.image else "file")
