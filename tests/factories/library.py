"""Library pages for tests: published (live) by default, under the seeded sections."""

import factory
from wagtail.models import Page

from library.models import (
    ActivityType,
    ClubActivityPage,
    ClubIndexPage,
    Grade,
    MaterialIndexPage,
    MaterialPage,
    RubricCriterion,
    Skill,
    SpeechContestGuidePage,
    SpeechContestIndexPage,
)

SECTIONS = {
    MaterialPage: MaterialIndexPage,
    SpeechContestGuidePage: SpeechContestIndexPage,
    ClubActivityPage: ClubIndexPage,
}


class LibraryPageFactory(factory.django.DjangoModelFactory):
    """Adds the page under its section (created by migration 0004) and publishes it,
    unless `live=False` is passed, which leaves a draft. Taxonomy by code:
    `MaterialPageFactory(grades=["ES5"], skills=["listening"], activity_types=["game"])`."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Material {n}")
    slug = factory.Sequence(lambda n: f"material-{n}")
    summary = "A short activity for the start of class."
    duration_minutes = 15

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        live=True,
        owner=None,
        grades=(),
        skills=(),
        activity_types=(),
        tags=(),
        parent=None,
        **kwargs,
    ):
        parent = parent or SECTIONS[model_class].objects.first()
        page = model_class(*args, owner=owner, **kwargs)
        Page.get_first_root_node()  # the tree must exist (it does after migrations)
        parent.add_child(instance=page)
        page.grades.set(Grade.objects.filter(code__in=grades))
        page.skills.set(Skill.objects.filter(code__in=skills))
        page.activity_types.set(ActivityType.objects.filter(code__in=activity_types))
        if tags:
            page.tags.add(*tags)
        revision = page.save_revision(user=owner)
        if live:
            revision.publish()
        else:
            page.live = False
            page.save()
        page.refresh_from_db()
        return page


class MaterialPageFactory(LibraryPageFactory):
    class Meta:
        model = MaterialPage


class SpeechContestGuidePageFactory(LibraryPageFactory):
    class Meta:
        model = SpeechContestGuidePage

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

    title = factory.Sequence(lambda n: f"Club activity {n}")
    slug = factory.Sequence(lambda n: f"club-activity-{n}")
    group_size = 4
    season = "halloween"
