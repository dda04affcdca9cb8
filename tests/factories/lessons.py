"""Lesson plans for tests. Plans made here skip the editing services (no revisions) unless a
test says otherwise; use `lessons.services.editing` to exercise revisions and versions."""

import factory

from lessons.models import LessonPlan, LessonStep, MemberRole, PlanMember, Visibility
from library.models import Grade

from .accounts import TeacherFactory


class LessonPlanFactory(factory.django.DjangoModelFactory):
    """`LessonPlanFactory(grade="JHS2")` takes a grade code."""

    class Meta:
        model = LessonPlan
        skip_postgeneration_save = True

    owner = factory.SubFactory(TeacherFactory)
    title = factory.Sequence(lambda n: f"Lesson plan {n}")
    length_minutes = 50
    visibility = Visibility.PRIVATE

    @classmethod
    def _create(cls, model_class, *args, grade=None, **kwargs):
        if isinstance(grade, str):
            grade = Grade.objects.get(code=grade)
        return super()._create(model_class, *args, grade=grade, **kwargs)


class LessonStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonStep
        skip_postgeneration_save = True

    plan = factory.SubFactory(LessonPlanFactory)
    position = factory.Sequence(lambda n: n)
    phase = "practice"
    minutes = 10
    title = factory.Sequence(lambda n: f"Activity {n}")
    student_activity = "Pair work."
    jte_role = "Monitors the left side."
    alt_role = "Models the dialogue."

    @factory.post_generation
    def materials(self, create, extracted, **kwargs):
        if create and extracted:
            self.materials.set(extracted)


class PlanMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanMember

    plan = factory.SubFactory(LessonPlanFactory, visibility=Visibility.SHARED)
    user = factory.SubFactory(TeacherFactory)
    role = MemberRole.EDITOR
