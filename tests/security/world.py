"""One small school year of real objects, so every URL can be filled with a real id.

Six people: nobody signed in, Sam the ALT who owns everything here, Hanako (another teacher,
on nothing of Sam's), a co-planner viewer, a co-planner editor, and an AJET editor. Sam has a
shared plan (with both co-planners, steps and a comment), a private plan (whose co-planner
records are "parked": the plan was taken back to private), a draft material sent through the
real share form with a PDF attached, and a saved, published material.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from accounts.notifications.models import Notification
from lessons.models import LessonPlan, LessonStep, MemberRole, PlanComment, PlanMember, Visibility
from lessons.services.editing import add_step, create_plan
from library.models import Grade, LibraryAttachment, MaterialPage, SavedMaterial
from library.sharing.forms import ShareMaterialForm
from library.sharing.submissions import submit_new_material
from library.tasks import make_file_preview
from tests.factories.accounts import EditorFactory, TeacherFactory
from tests.factories.library import MaterialPageFactory, SpeechContestGuidePageFactory
from tests.library.sample_files import pdf_bytes, upload

ANONYMOUS = "anonymous"
OWNER = "owner"
OTHER = "other_teacher"
VIEWER = "coplanner_viewer"
COEDITOR = "coplanner_editor"
AJET = "ajet_editor"
ACTORS = (ANONYMOUS, OWNER, OTHER, VIEWER, COEDITOR, AJET)


GUEST_ADDRESS = "guest@example.jp"


@dataclass
class World:
    people: dict
    shared_plan: LessonPlan
    shared_steps: list[LessonStep]
    shared_comment: PlanComment
    viewer_member: PlanMember
    coeditor_member: PlanMember
    private_plan: LessonPlan
    private_step: LessonStep
    private_comment: PlanComment
    private_member: PlanMember
    draft: MaterialPage
    draft_document: object
    published: MaterialPage
    guide: object
    restricted_page: MaterialPage
    page_restriction: PageViewRestriction
    collection_restriction: CollectionViewRestriction
    reset_uid: str
    reset_token: str
    school: object = None  # Minami JHS: Sam (ALT) and Suzuki (JTE) belong; nobody else
    school_class: object = None  # its 2-3, taught by Suzuki and Sam
    unit_plan: object = None  # Sam's private 8-lesson unit plan for 2-3
    yearly_plan: object = None  # 2-3's yearly plan

    def client(self, actor: str, *, csrf: bool = False) -> Client:
        """A fresh browser per actor: two people at once need two sessions."""
        client = Client(enforce_csrf_checks=csrf)
        if actor != ANONYMOUS:
            client.force_login(self.people[actor])
        return client


def share_form_data(**overrides) -> dict:
    """What a teacher types into the share form (library/sharing/forms.py)."""
    data = {
        "title": "Weather bingo",
        "title_ja": "天気ビンゴ",
        "summary": "Students play bingo with weather words.",
        "summary_ja": "天気の単語でビンゴをします。",
        "steps": "ALT models the weather words\nStudents play bingo",
        "materials_needed": "Bingo sheet",
        "variations": "Use seasons instead",
        "jte_tip": "Check the meaning first.",
        "alt_tip": "Use gestures.",
        "grades": [str(Grade.objects.get(code="ES5").pk)],
        "duration_minutes": "15",
        "tags": "weather, bingo",
        "licence": "cc-by",
        "author_credit": "Sam (ALT)",
        "confirm_rights": "on",
    }
    data.update(overrides)
    return data


def _submit_draft(owner) -> MaterialPage:
    """A submission made exactly as the share form makes it, then sent back to draft (the
    editor cancelled the review), so the teacher may still edit it."""
    form = ShareMaterialForm(
        share_form_data(), {"files": [upload("sheet.pdf", pdf_bytes())]}, user=owner
    )
    assert form.is_valid(), form.errors
    page = submit_new_material(form.cleaned_data, owner)
    page.current_workflow_state.cancel(user=owner)
    return MaterialPage.objects.get(pk=page.pk)


def invite_guest(plan) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from lessons.models import PlanInvitation

    PlanInvitation.objects.create(
        plan=plan,
        address=GUEST_ADDRESS,
        role=MemberRole.VIEWER,
        expires_at=timezone.now() + timedelta(days=1),
    )


def _with_previews(page) -> None:
    """The previews worker's run: the page's files get their page pictures."""
    for attachment_id in page.attachments.values_list("pk", flat=True):
        make_file_preview.call(attachment_id)


def build_school(people) -> dict:
    """Minami JHS (issue #15): Sam the ALT and Suzuki the JTE are its members; Hanako and
    Kate are not (Kate co-plans Sam's lessons, but a plan never opens a school)."""
    from lessons.models import UnitPlan, YearlyPlan, YearlyPlanRow
    from lessons.services.unitplans import with_lessons
    from schools.models import ClassTeacher, School, SchoolClass, SchoolMembership

    school = School.objects.create(name="Minami JHS", name_ja="南中学校", stage="JHS")
    SchoolMembership.objects.create(school=school, user=people[OWNER], role="alt")
    SchoolMembership.objects.create(school=school, user=people[VIEWER], role="jte")
    jhs2 = Grade.objects.get(code="JHS2")
    school_class = SchoolClass.objects.create(
        school=school, academic_year=2026, grade=jhs2, name="2-3", students=30
    )
    ClassTeacher.objects.create(school_class=school_class, user=people[VIEWER], role="jte")
    ClassTeacher.objects.create(school_class=school_class, user=people[OWNER], role="alt")
    unit = UnitPlan.objects.create(
        school_class=school_class, title="Unit 1 My Summer", owner=people[OWNER], lesson_count=8
    )
    with_lessons(unit)
    yearly = YearlyPlan.objects.create(
        school=school, school_class=school_class, grade=jhs2, academic_year=2026
    )
    YearlyPlanRow.objects.create(yearly_plan=yearly, month=4, unit_title="Unit 0", planned_hours=4)
    return {
        "school": school,
        "school_class": school_class,
        "unit_plan": unit,
        "yearly_plan": yearly,
    }


def build_world() -> World:
    people = {
        OWNER: TeacherFactory(username="sam", display_name="Sam (ALT)"),
        OTHER: TeacherFactory(username="hanako", display_name="田中 花子"),
        VIEWER: TeacherFactory(username="suzuki", display_name="鈴木 一郎"),
        COEDITOR: TeacherFactory(username="kate", display_name="Kate (ALT)"),
        AJET: EditorFactory(username="alex", display_name="Alex (AJET)"),
    }
    owner = people[OWNER]
    jhs2 = Grade.objects.get(code="JHS2")

    shared = create_plan(owner, {"title": "Weekend plans", "grade": jhs2, "length_minutes": 50})
    first = add_step(shared.pk, owner, {"phase": "warm_up", "minutes": 5, "title": "Greeting"})
    second = add_step(shared.pk, owner, {"phase": "practice", "minutes": 15, "title": "Drill"})
    viewer_member = PlanMember.objects.create(
        plan=shared, user=people[VIEWER], role=MemberRole.VIEWER
    )
    coeditor_member = PlanMember.objects.create(
        plan=shared, user=people[COEDITOR], role=MemberRole.EDITOR
    )
    LessonPlan.objects.filter(pk=shared.pk).update(visibility=Visibility.SHARED)
    shared_comment = PlanComment.objects.create(
        plan=shared, author=people[VIEWER], body="Can I print it?"
    )

    private = create_plan(owner, {"title": "My secret plan", "grade": jhs2, "length_minutes": 50})
    private_step = add_step(private.pk, owner, {"phase": "review", "minutes": 10, "title": "Quiz"})
    private_comment = PlanComment.objects.create(plan=private, author=owner, body="Note to self")
    # Parked co-planners: the plan was shared once and taken back to private.
    private_member = PlanMember.objects.create(
        plan=private, user=people[COEDITOR], role=MemberRole.EDITOR
    )
    PlanMember.objects.create(plan=private, user=people[VIEWER], role=MemberRole.VIEWER)
    # Invitations by e-mail waiting on both plans, to an address none of the people holds.
    for plan in (shared, private):
        invite_guest(plan)

    draft = _submit_draft(owner)
    published = MaterialPageFactory(title="Colour bingo", slug="colour-bingo", grades=["ES5"])
    SavedMaterial.objects.create(user=owner, page=published)
    sheet = get_document_model().objects.create(
        title="bingo.pdf", file=ContentFile(pdf_bytes(), name="bingo.pdf")
    )
    LibraryAttachment.objects.create(page=published, document=sheet)
    _with_previews(draft)
    _with_previews(published)
    guide = SpeechContestGuidePageFactory(title="Recitation guide", slug="recitation-guide")
    restricted = MaterialPageFactory(title="Members only", slug="members-only")
    page_restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="kyozai"
    )
    locked = Collection.get_first_root_node().add_child(name="Locked files")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=locked, restriction_type=CollectionViewRestriction.PASSWORD, password="kyozai"
    )
    shared.refresh_from_db()
    private.refresh_from_db()
    # A notification of Sam's, for the bell's pages (tests/security/matrix.py).
    Notification.objects.create(recipient=people[OWNER], kind="matrix", link="/lessons/")
    return World(
        people=people,
        shared_plan=shared,
        shared_steps=[LessonStep.objects.get(pk=first.pk), LessonStep.objects.get(pk=second.pk)],
        shared_comment=shared_comment,
        viewer_member=viewer_member,
        coeditor_member=coeditor_member,
        private_plan=private,
        private_step=LessonStep.objects.get(pk=private_step.pk),
        private_comment=private_comment,
        private_member=private_member,
        draft=draft,
        draft_document=draft.attachments.get().document,
        published=published,
        guide=guide,
        restricted_page=restricted,
        page_restriction=page_restriction,
        collection_restriction=collection_restriction,
        reset_uid=urlsafe_base64_encode(force_bytes(owner.pk)),
        reset_token=default_token_generator.make_token(owner),
        **build_school(people),
    )
