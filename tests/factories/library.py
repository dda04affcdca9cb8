"""Library pages for tests: published (live) by default, under the seeded sections.

Built on wagtail-factories, as ONSdigital/dis-wagtail builds its page factories: each page
factory names its parent (a section, found under the home page where migration 0004 made
it), and `parent=` puts a page anywhere else. The body is a StreamField factory over the
library's own blocks, so a test writes only the blocks it needs:

    MaterialPageFactory(
        body__0__steps__steps__0="Show a flashcard.",
        body__1__tips__alt_tip="Model it with the JTE first.",
    )

A page made without `body__…` has an empty body, as before; `body=[("steps", {...})]` still
passes raw stream data.
"""

import factory
import wagtail_factories
from wagtail import blocks as wagtail_blocks
from wagtail.rich_text import RichText

from library import blocks
from library.models import (
    ActivityType,
    ClubActivityPage,
    ClubIndexPage,
    Grade,
    HomePage,
    MaterialIndexPage,
    MaterialPage,
    RubricCriterion,
    Skill,
    SpeechContestGuidePage,
    SpeechContestIndexPage,
)

# Body blocks -----------------------------------------------------------------------------


class TextBlockFactory(wagtail_factories.blocks.BlockFactory):
    class Meta:
        model = wagtail_blocks.TextBlock


class RichTextBlockFactory(wagtail_factories.blocks.BlockFactory):
    """`body__0__rich_text__value="<p>…</p>"`: the HTML becomes the block's RichText."""

    class Meta:
        model = wagtail_blocks.RichTextBlock

    @classmethod
    def _construct_block(cls, block_class, *args, **kwargs):
        return RichText(kwargs.get("value") or "")


class StepsBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.StepsBlock

    heading = "How to run it"
    steps = wagtail_factories.ListBlockFactory(TextBlockFactory)


class MaterialsNeededBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.MaterialsNeededBlock

    items = wagtail_factories.ListBlockFactory(wagtail_factories.CharBlockFactory)


class VariationsBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.VariationsBlock

    variations = wagtail_factories.ListBlockFactory(TextBlockFactory)


class TeamTeachingTipsBlockFactory(wagtail_factories.StructBlockFactory):
    class Meta:
        model = blocks.TeamTeachingTipsBlock

    jte_tip = "Explain the rules in Japanese if the class is lost."
    alt_tip = "Model the game with the JTE before the class plays."


class LibraryBodyBlockFactory(wagtail_factories.StreamBlockFactory):
    """The blocks a teacher writes; files, images, audio and embeds need uploads or network
    and are left to the tests that are about them."""

    class Meta:
        model = blocks.LibraryBodyBlock

    steps = factory.SubFactory(StepsBlockFactory)
    materials_needed = factory.SubFactory(MaterialsNeededBlockFactory)
    variations = factory.SubFactory(VariationsBlockFactory)
    tips = factory.SubFactory(TeamTeachingTipsBlockFactory)
    rich_text = factory.SubFactory(RichTextBlockFactory)


# Sections --------------------------------------------------------------------------------


class SectionIndexPageFactory(wagtail_factories.PageFactory):
    """The section under the home page: the one migration 0004 made, or a new one if a test
    deleted it (get-or-create by parent)."""

    class Meta:
        abstract = True
        django_get_or_create = ("parent",)

    parent = factory.LazyFunction(lambda: HomePage.objects.first())


class MaterialIndexPageFactory(SectionIndexPageFactory):
    class Meta:
        model = MaterialIndexPage

    title = "Library"
    slug = "library"


class SpeechContestIndexPageFactory(SectionIndexPageFactory):
    class Meta:
        model = SpeechContestIndexPage

    title = "Speech contests"
    slug = "speech-contests"


class ClubIndexPageFactory(SectionIndexPageFactory):
    class Meta:
        model = ClubIndexPage

    title = "English club"
    slug = "english-club"


# Library pages ---------------------------------------------------------------------------


def _by_code(field: str, model):
    """A post-generation hook: `grades=["ES5", "ES6"]` sets the page's grades by code."""

    def set_by_code(page, create, extracted, **kwargs):
        if create and extracted:
            getattr(page, field).set(model.objects.filter(code__in=extracted))

    return factory.PostGeneration(set_by_code)


class LibraryPageFactory(wagtail_factories.PageFactory):
    """Adds the page under its section and publishes a revision by its owner, unless
    `live=False` is passed, which leaves a draft with that revision. Taxonomy by code:
    `MaterialPageFactory(grades=["ES5"], skills=["listening"], activity_types=["game"])`."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Material {n}")
    slug = factory.Sequence(lambda n: f"material-{n}")
    summary = "A short activity for the start of class."
    duration_minutes = 15
    owner = None
    body = wagtail_factories.StreamFieldFactory(LibraryBodyBlockFactory)

    # Post-generation hooks run in the order they are declared: taxonomy and tags before
    # the revision, so the revision (and the search index, on publish) sees them.
    grades = _by_code("grades", Grade)
    skills = _by_code("skills", Skill)
    activity_types = _by_code("activity_types", ActivityType)

    @factory.post_generation
    def tags(page, create, extracted, **kwargs):
        if create and extracted:
            page.tags.add(*extracted)

    @factory.post_generation
    def save_and_publish(page, create, extracted, **kwargs):
        """The revision an editor's save makes; published when the page is live. A draft is
        saved once more, as the revision's own save does not write the taxonomy."""
        if not create:
            return
        revision = page.save_revision(user=page.owner)
        if page.live:
            revision.publish()
        else:
            page.save()
        page.refresh_from_db()


class MaterialPageFactory(LibraryPageFactory):
    class Meta:
        model = MaterialPage

    parent = factory.SubFactory(MaterialIndexPageFactory)


class SpeechContestGuidePageFactory(LibraryPageFactory):
    class Meta:
        model = SpeechContestGuidePage

    parent = factory.SubFactory(SpeechContestIndexPageFactory)
    title = factory.Sequence(lambda n: f"Recitation guide {n}")
    slug = factory.Sequence(lambda n: f"speech-guide-{n}")
    category = "recitation"
    time_limit_seconds = 180

    @factory.post_generation
    def rubric(self, create, extracted, **kwargs):
        criteria = (
            extracted
            if extracted is not None
            else [
                ("Pronunciation", "発音", 30),
                ("Fluency", "流暢さ", 30),
                ("Delivery", "態度", 40),
            ]
        )
        for order, (criterion, criterion_ja, points) in enumerate(criteria):
            RubricCriterion.objects.create(
                guide=self,
                criterion=criterion,
                criterion_ja=criterion_ja,
                points=points,
                sort_order=order,
            )


class ClubActivityPageFactory(LibraryPageFactory):
    class Meta:
        model = ClubActivityPage

    parent = factory.SubFactory(ClubIndexPageFactory)
    title = factory.Sequence(lambda n: f"Club activity {n}")
    slug = factory.Sequence(lambda n: f"club-activity-{n}")
    group_size = 4
    season = "halloween"
