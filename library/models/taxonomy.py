"""The vocabulary materials are tagged with: grades, skill areas, textbooks, activity types.

Snippets rather than choices, so AJET editors can add an SHS textbook series or a new
activity type without a deploy. Each carries English and Japanese names because JTEs
browse and print in Japanese. Seeded by migration 0004 from library/school_facts.py; the
textbook units of the current editions come from the catalogue (library/catalogue/).

`load_vocabulary` reads them as the filters (library/filters.py) check and label values.
"""

from collections.abc import Iterable

from django.db import models
from django.db.models import F, Q
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from library.catalogue.labels import number_from_label
from library.filters import DURATION_BUCKETS, PAGE_TYPES, Vocabulary


def _reading_japanese(language: str | None = None) -> bool:
    return (language or get_language() or "en").startswith("ja")


class BilingualName(models.Model):
    """English and Japanese names, and the one to show for the current language."""

    name = models.CharField(_("name (English)"), max_length=100)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        if _reading_japanese() and self.name_ja:
            return self.name_ja
        return self.name


class Stage(models.TextChoices):
    ELEMENTARY = "ES", _("Elementary school")
    JUNIOR_HIGH = "JHS", _("Junior high school")
    SENIOR_HIGH = "SHS", _("Senior high school")


class Grade(BilingualName):
    """A school year, coded the way Kyozai's data and URLs speak of it (ES3 … SHS3)."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    stage = models.CharField(_("stage"), max_length=3, choices=Stage.choices)

    class Meta(BilingualName.Meta):
        verbose_name = _("grade")
        verbose_name_plural = _("grades")

    @property
    def year(self) -> int | None:
        """The school year within the stage: 5 for ES5, 2 for JHS2."""
        return number_from_label(self.code)


class Skill(BilingualName):
    """One of the Course of Study's five skill areas (学習指導要領, 2017)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)

    class Meta(BilingualName.Meta):
        verbose_name = _("skill area")
        verbose_name_plural = _("skill areas")


class ActivityType(BilingualName):
    code = models.SlugField(_("code"), max_length=30, unique=True)

    class Meta(BilingualName.Meta):
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")


class BookNumbering(models.TextChoices):
    """How a series names its volumes, so a unit can say "NEW HORIZON 2 · Unit 5"."""

    SCHOOL_YEAR = "school_year", _("By school year (NEW HORIZON 2 is for 中2)")
    FROM_ES3 = "from_es3", _("From 1 at 小3 (Let's Try! 1 is for 小3, 2 for 小4)")
    NONE = "none", _("Not numbered (the name already names the book)")


class TextbookSeriesQuerySet(models.QuerySet):
    def with_slug(self, slug: str) -> "TextbookSeries | None":
        """The series whose name slugifies to `slug` ("new-horizon"), as unit pages are
        addressed. There are a few dozen series: reading them all is one small query."""
        return next((series for series in self if series.slug == slug), None)


class TextbookSeries(models.Model):
    """An authorised textbook series, e.g. NEW HORIZON (東京書籍), for the grades it covers.

    `edition` marks the edition schools use now; units carry the edition their titles
    belong to, so units kept from an earlier edition can be told apart.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_reading = models.CharField(
        _("reading (kana)"),
        max_length=100,
        blank=True,
        help_text=_("How teachers say the name, in kana, e.g. ニューホライズン."),
    )
    publisher = models.CharField(_("publisher (English)"), max_length=100, blank=True)
    publisher_ja = models.CharField(_("publisher (Japanese)"), max_length=100, blank=True)
    stage = models.CharField(_("stage"), max_length=3, choices=Stage.choices, blank=True)
    edition = models.CharField(
        _("current edition"),
        max_length=20,
        blank=True,
        help_text=_("The edition schools use now, by the year it came into use, e.g. 2025."),
    )
    edition_ja = models.CharField(
        _("current edition (Japanese)"),
        max_length=40,
        blank=True,
        help_text=_("e.g. 令和7年度版"),
    )
    book_numbering = models.CharField(
        _("book numbering"),
        max_length=12,
        choices=BookNumbering.choices,
        default=BookNumbering.SCHOOL_YEAR,
    )
    grades = models.ManyToManyField(Grade, verbose_name=_("grades"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    objects = TextbookSeriesQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("textbook series")
        verbose_name_plural = _("textbook series")

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        """The series in a unit page's address: "NEW HORIZON" → "new-horizon". Derived from
        the (unique) name, so renaming a series moves its unit pages with it."""
        return slugify(self.name)

    def book_name(self, grade: Grade) -> str:
        """The volume for a grade as teachers name it: "NEW HORIZON 2", "Let's Try! 1"."""
        year = grade.year
        if year is None or self.book_numbering == BookNumbering.NONE:
            return self.name
        if self.book_numbering == BookNumbering.FROM_ES3:
            year -= 2
        return f"{self.name} {year}"


class TextbookUnitQuerySet(models.QuerySet):
    def in_current_edition(self):
        """Units of the edition schools use now (and those whose edition is not known)."""
        return self.filter(Q(edition="") | Q(series__edition="") | Q(edition=F("series__edition")))

    def at_address(self, series: "TextbookSeries", grade_code: str, number: int):
        """The unit a unit page's address names (series, grade code, unit number): the
        current edition's when an older one shares the number."""
        units = self.filter(series=series, grade__code__iexact=grade_code, number=number)
        return units.in_current_edition().first() or units.first()


class TextbookUnit(models.Model):
    """A unit of a series at one grade: "NEW HORIZON, JHS2, Unit 3"."""

    series = models.ForeignKey(
        TextbookSeries, verbose_name=_("series"), on_delete=models.CASCADE, related_name="units"
    )
    grade = models.ForeignKey(Grade, verbose_name=_("grade"), on_delete=models.PROTECT)
    label = models.CharField(
        _("unit"), max_length=40, help_text=_("As printed in the book, e.g. “Unit 3”.")
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Puts the units in order (Unit 10 after Unit 9); empty: taken from the label."),
    )
    title = models.CharField(_("title (English)"), max_length=150, blank=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=150, blank=True)
    edition = models.CharField(
        _("edition"),
        max_length=20,
        blank=True,
        help_text=_("The edition this unit and its title belong to, e.g. 2025; empty if unknown."),
    )

    objects = TextbookUnitQuerySet.as_manager()

    class Meta:
        ordering = [
            "series__sort_order",
            "series__name",
            "grade__sort_order",
            "number",
            "label",
        ]
        verbose_name = _("textbook unit")
        verbose_name_plural = _("textbook units")
        constraints = [
            models.UniqueConstraint(
                fields=["series", "grade", "label"], name="unique_unit_per_series_grade"
            )
        ]

    def __str__(self) -> str:
        text = f"{self.series.name}, {self.grade.code}, {self.label}"
        return f"{text}: {self.title}" if self.title else text

    def save(self, *args, **kwargs):
        if self.number is None:
            # A label without a number ("Starter") sorts first, with Unit 0.
            self.number = number_from_label(self.label) or 0
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "number"}
        super().save(*args, **kwargs)

    def shown_title(self, language: str | None = None) -> str:
        """The unit's title for a reader of `language` (the current language by default):
        the title in that language, else the one in the other language, "" when it has none.
        A unit that only has a Japanese title still shows it to an English reader."""
        if _reading_japanese(language):
            return self.title_ja or self.title
        return self.title or self.title_ja

    def display_name(self, language: str | None = None, *, with_book: bool = True) -> str:
        """The unit as teachers name it wherever it appears (cards, filters, plans, PDFs):
        "NEW HORIZON 2 · Unit 5: What design is good for everyone?"; in Japanese the Japanese
        title when the book has one. `with_book=False` drops the book where it is already
        chosen (a filter under a series and grade): "Unit 5: What design …".
        """
        title = self.shown_title(language)
        text = f"{self.label}: {title}" if title else self.label
        return f"{self.series.book_name(self.grade)} · {text}" if with_book else text

    @property
    def short_name(self) -> str:
        """The unit under its book, in the current language: "Unit 5: …"."""
        return self.display_name(with_book=False)

    @property
    def in_current_edition(self) -> bool:
        return not self.edition or not self.series.edition or self.edition == self.series.edition


def _bilingual(model) -> dict[str, tuple[str, str]]:
    return {
        code: (name, name_ja)
        for code, name, name_ja in model.objects.values_list("code", "name", "name_ja")
    }


def series_labels() -> dict[str, tuple[str, str]]:
    """Each series with its publisher, e.g. NEW HORIZON (Tokyo Shoseki): teachers know
    their books by publisher as much as by title."""
    labels = {}
    for pk, name, publisher, publisher_ja in TextbookSeries.objects.values_list(
        "pk", "name", "publisher", "publisher_ja"
    ):
        english = f"{name} ({publisher})" if publisher else name
        japanese = f"{name} ({publisher_ja or publisher})" if publisher_ja or publisher else name
        labels[str(pk)] = (english, japanese)
    return labels


def unit_label(unit: TextbookUnit) -> tuple[str, str]:
    """ "NEW HORIZON · Junior high 2 · Unit 3: My Hero" in English, with 中2 and the
    Japanese title in Japanese."""
    english = f"{unit.series.name} · {unit.grade.name} · {unit.label}"
    japanese = f"{unit.series.name} · {unit.grade.name_ja or unit.grade.name} · {unit.label}"
    if title := unit.shown_title("en"):
        english += f": {title}"
    if title := unit.shown_title("ja"):
        japanese += f": {title}"
    return english, japanese


def load_vocabulary(unit_ids: Iterable[str] = (), series_ids: Iterable[str] = ()) -> Vocabulary:
    """What every filter knows (library/filters.py), with labels in both languages. Units
    only for the given series and unit ids: there can be thousands, and only the chosen
    series' units are ever offered."""
    vocabulary = Vocabulary()
    vocabulary.labels["type"] = {kind: (str(label), "") for kind, label in PAGE_TYPES.items()}
    vocabulary.labels["grade"] = _bilingual(Grade)
    vocabulary.labels["skill"] = _bilingual(Skill)
    vocabulary.labels["activity_type"] = _bilingual(ActivityType)
    vocabulary.labels["textbook"] = series_labels()
    vocabulary.labels["duration"] = {
        value: (str(label), "") for value, label, _lo, _hi in DURATION_BUCKETS
    }
    vocabulary.labels["unit"] = {}
    wanted_units = [int(u) for u in unit_ids if u.isascii() and u.isdigit()]
    wanted_series = [int(s) for s in series_ids if s.isascii() and s.isdigit()]
    if not (wanted_units or wanted_series):
        return vocabulary
    units = TextbookUnit.objects.filter(
        Q(pk__in=wanted_units) | Q(series_id__in=wanted_series)
    ).select_related("grade", "series")
    for unit in units.order_by("series__sort_order", "grade__sort_order", "number", "label", "pk"):
        vocabulary.labels["unit"][str(unit.pk)] = unit_label(unit)
        vocabulary.unit_series[str(unit.pk)] = str(unit.series_id)
        vocabulary.unit_grade[str(unit.pk)] = unit.grade.code
        vocabulary.unit_short[str(unit.pk)] = (
            unit.display_name("en", with_book=False),
            unit.display_name("ja", with_book=False),
        )
    return vocabulary
