"""What a library page looks like to search: one flat record built from the live page,
shared by both backends so that they index exactly the same text and facet values.

Records are loaded in bulk — a handful of `values_list` queries per chunk of 500 pages,
no model instances, no per-page queries — so a full rebuild indexes hundreds of pages a
second; a publish goes through the same loader with one id.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import strip_tags
from wagtail.models import Site

from library.filters import PAGE_TYPES
from library.models import (
    ActivityType,
    ClassUse,
    ClubActivityPage,
    Grade,
    LibraryAttachment,
    LibraryPage,
    LibraryPageTag,
    RubricCriterion,
    Skill,
    SpeechContestGuidePage,
    TextbookSeries,
    TextbookUnit,
)
from library.models.clubs import Season
from library.models.contests import SpeechCategory

CHUNK_SIZE = 500
# The words inside a page's files (PDF, Word, PowerPoint, Excel; extracted in the background,
# library/previews/) are indexed up to this many characters per page, after its own text.
MAX_FILE_TEXT_PER_PAGE = 200_000


@dataclass
class PageRecord:
    page_id: int
    kind: str
    slug: str
    url: str
    title: str
    title_ja: str
    summary: str
    summary_ja: str
    body_text: str
    # Words that describe the page without being its text: tags, taxonomy names in both
    # languages, type, category/season, rubric, credit. Ranked between title and body.
    keywords: str
    grades: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    activity_types: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    duration_minutes: int | None = None
    first_published_at: datetime | None = None
    last_published_at: datetime | None = None
    use_count: int = 0
    # The words inside the page's files: searchable with less weight than the page's own
    # text, never shown as the page's text (the result says which file matched).
    file_text: str = ""

    @property
    def title_text(self) -> str:
        return f"{self.title}\n{self.title_ja}"

    @property
    def keyword_text(self) -> str:
        return f"{self.summary}\n{self.summary_ja}\n{self.keywords}"


def searchable_pages() -> QuerySet[LibraryPage]:
    """The pages search may show: those anyone may see (library/models/visibility.py).
    One answer is cached for everybody, so a page only some may open is never indexed."""
    return LibraryPage.objects.visible_to(None).order_by("pk")


def body_text(body) -> str:
    """The words in a page body: steps, tips, captions, transcripts, rich text — Wagtail's
    own `get_searchable_content`, so every block type says what it contributes."""
    try:
        pieces = body.stream_block.get_searchable_content(body)
    except (AttributeError, ValueError, TypeError, KeyError):
        return ""
    return "\n".join(strip_tags(str(piece)) for piece in pieces if piece)


def use_counts(page_ids: Iterable[int] | None = None) -> dict[int, int]:
    """How many teachers recorded using each page in class."""
    uses = ClassUse.objects.all()
    if page_ids is not None:
        uses = uses.filter(page_id__in=list(page_ids))
    return dict(uses.values("page_id").annotate(n=Count("id")).values_list("page_id", "n"))


@cache
def _kind_of(content_type_id: int) -> str:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return getattr(model, "kind", "") or ""


def _in_both_languages(labels: Iterable[object]) -> list[str]:
    words: list[str] = []
    for language in ("en", "ja"):
        with translation.override(language):
            words.extend(str(label) for label in labels)
    return list(dict.fromkeys(words))


class _Taxonomy:
    """The small taxonomy tables, read once per load."""

    def __init__(self) -> None:
        self.grades = {
            pk: (code, name, name_ja, order)
            for pk, code, name, name_ja, order in Grade.objects.values_list(
                "pk", "code", "name", "name_ja", "sort_order"
            )
        }
        self.skills = {
            pk: (code, name, name_ja, order)
            for pk, code, name, name_ja, order in Skill.objects.values_list(
                "pk", "code", "name", "name_ja", "sort_order"
            )
        }
        self.activities = {
            pk: (code, name, name_ja, order)
            for pk, code, name, name_ja, order in ActivityType.objects.values_list(
                "pk", "code", "name", "name_ja", "sort_order"
            )
        }
        # The kana reading too: ニューホライズン finds NEW HORIZON's units.
        self.series = {
            pk: (name, name_reading, publisher, publisher_ja)
            for pk, name, name_reading, publisher, publisher_ja in (
                TextbookSeries.objects.values_list(
                    "pk", "name", "name_reading", "publisher", "publisher_ja"
                )
            )
        }
        self.type_words = {kind: _in_both_languages([label]) for kind, label in PAGE_TYPES.items()}
        self.category_words = {
            value: _in_both_languages([label]) for value, label in SpeechCategory.choices
        }
        self.season_words = {value: _in_both_languages([label]) for value, label in Season.choices}


def _pairs(model, owner: str, target: str, ids: list[int]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = defaultdict(list)
    for page_id, item_id in model.objects.filter(**{f"{owner}__in": ids}).values_list(
        owner, target
    ):
        grouped[page_id].append(item_id)
    return grouped


def _url(url_path: str, roots) -> str:
    """The page's URL as Wagtail's `Page.get_url()` gives it without a request: relative
    when the site is the only one, absolute otherwise."""
    for _site_id, root_path, root_url, _language in roots:
        if url_path.startswith(root_path):
            try:
                path = reverse("wagtail_serve", args=(url_path[len(root_path) :],))
            except NoReverseMatch:
                path = "/" + url_path[len(root_path) :]
            return path if len(roots) == 1 else root_url + path
    return url_path


PAGE_FIELDS = (
    "pk",
    "content_type_id",
    "title",
    "slug",
    "url_path",
    "title_ja",
    "summary",
    "summary_ja",
    "body",
    "duration_minutes",
    "author_credit",
    "first_published_at",
    "last_published_at",
)


class _Related:
    """What a chunk of pages is tagged with, and the type-specific words of guides and
    club activities: a handful of bulk queries, whatever the number of pages."""

    def __init__(self, ids: list[int]) -> None:
        self.grades = _pairs(LibraryPage.grades.through, "librarypage_id", "grade_id", ids)
        self.skills = _pairs(LibraryPage.skills.through, "librarypage_id", "skill_id", ids)
        self.activities = _pairs(
            LibraryPage.activity_types.through, "librarypage_id", "activitytype_id", ids
        )
        self.unit_links = _pairs(
            LibraryPage.textbook_units.through, "librarypage_id", "textbookunit_id", ids
        )
        unit_ids = {unit for units in self.unit_links.values() for unit in units}
        self.units = {
            pk: (series_id, label, title, title_ja)
            for pk, series_id, label, title, title_ja in TextbookUnit.objects.filter(
                pk__in=unit_ids
            ).values_list("pk", "series_id", "label", "title", "title_ja")
        }
        self.tags: dict[int, list[str]] = defaultdict(list)
        for page_id, name in LibraryPageTag.objects.filter(content_object_id__in=ids).values_list(
            "content_object_id", "tag__name"
        ):
            self.tags[page_id].append(name)
        self.categories = dict(
            SpeechContestGuidePage.objects.filter(pk__in=ids).values_list("pk", "category")
        )
        self.criteria: dict[int, list[str]] = defaultdict(list)
        for guide_id, criterion, criterion_ja in RubricCriterion.objects.filter(
            guide_id__in=ids
        ).values_list("guide_id", "criterion", "criterion_ja"):
            self.criteria[guide_id].extend([criterion, criterion_ja])
        self.seasons = dict(ClubActivityPage.objects.filter(pk__in=ids).values_list("pk", "season"))
        self.use_counts = use_counts(ids)
        self.file_texts: dict[int, list[str]] = defaultdict(list)
        for page_id, text in (
            LibraryAttachment.objects.filter(page_id__in=ids)
            .exclude(text="")
            .order_by("sort_order", "pk")
            .values_list("page_id", "text")
        ):
            self.file_texts[page_id].append(text)

    def file_text_of(self, pk: int) -> str:
        return "\n".join(self.file_texts.get(pk, []))[:MAX_FILE_TEXT_PER_PAGE]

    def units_of(self, pk: int) -> list[tuple[int, tuple]]:
        return [
            (unit, self.units[unit]) for unit in self.unit_links.get(pk, []) if unit in self.units
        ]


def _in_order(taxonomy: dict, ids: list[int]) -> list[tuple]:
    """(code, name, name_ja, order) of these taxonomy ids, in the taxonomy's order."""
    return sorted((taxonomy[pk] for pk in ids), key=lambda item: item[3])


@dataclass
class _Tagged:
    grades: list[tuple]
    skills: list[tuple]
    activities: list[tuple]
    units: list[tuple[int, tuple]]


def _keywords(pk: int, kind: str, tagged: _Tagged, related: _Related, taxonomy: _Taxonomy) -> list:
    """Words that describe the page without being its text: tags, taxonomy names in both
    languages and grade codes, textbook and unit names, type, category/season, rubric."""
    words: list[str] = list(related.tags.get(pk, []))
    for _code, name, name_ja, _order in [*tagged.grades, *tagged.skills, *tagged.activities]:
        words.extend([name, name_ja])
    words.extend(code for code, *_rest in tagged.grades)
    for _unit, (series_id, label, unit_title, unit_title_ja) in tagged.units:
        words.extend([*taxonomy.series.get(series_id, ()), label, unit_title, unit_title_ja])
    words.extend(taxonomy.type_words.get(kind, []))
    if pk in related.categories:
        words.extend(taxonomy.category_words.get(related.categories[pk], []))
        words.extend(related.criteria.get(pk, []))
    if pk in related.seasons:
        words.extend(taxonomy.season_words.get(related.seasons[pk], []))
    return words


def _record(row: tuple, related: _Related, taxonomy: _Taxonomy, roots) -> PageRecord:
    fields = dict(zip(PAGE_FIELDS, row, strict=True))
    pk = fields["pk"]
    kind = _kind_of(fields["content_type_id"])
    tagged = _Tagged(
        grades=_in_order(taxonomy.grades, related.grades.get(pk, [])),
        skills=_in_order(taxonomy.skills, related.skills.get(pk, [])),
        activities=_in_order(taxonomy.activities, related.activities.get(pk, [])),
        units=related.units_of(pk),
    )
    words = _keywords(pk, kind, tagged, related, taxonomy)
    if fields["author_credit"]:
        words.append(fields["author_credit"])
    return PageRecord(
        page_id=pk,
        kind=kind,
        slug=fields["slug"],
        url=_url(fields["url_path"], roots),
        title=fields["title"],
        title_ja=fields["title_ja"],
        summary=fields["summary"],
        summary_ja=fields["summary_ja"],
        body_text=body_text(fields["body"]),
        keywords="\n".join(word for word in words if word),
        grades=[code for code, *_rest in tagged.grades],
        skills=[code for code, *_rest in tagged.skills],
        activity_types=[code for code, *_rest in tagged.activities],
        series=sorted({str(series_id) for _u, (series_id, *_r) in tagged.units}, key=int),
        units=sorted((str(unit) for unit, _data in tagged.units), key=int),
        duration_minutes=fields["duration_minutes"],
        first_published_at=fields["first_published_at"],
        last_published_at=fields["last_published_at"],
        use_count=related.use_counts.get(pk, 0),
        file_text=related.file_text_of(pk),
    )


def load_records(page_ids: Iterable[int]) -> list[PageRecord]:
    """Records of those of these pages that are searchable (in id order)."""
    rows = list(searchable_pages().filter(pk__in=list(page_ids)).values_list(*PAGE_FIELDS))
    if not rows:
        return []
    related = _Related([row[0] for row in rows])
    taxonomy = _Taxonomy()
    roots = Site.get_site_root_paths()
    return [_record(row, related, taxonomy, roots) for row in rows]


def iter_records(page_ids: Iterable[int]) -> Iterator[PageRecord]:
    """Records for many pages, a chunk at a time (memory stays flat for 50,000 pages)."""
    ids = sorted(set(page_ids))
    for start in range(0, len(ids), CHUNK_SIZE):
        yield from load_records(ids[start : start + CHUNK_SIZE])
