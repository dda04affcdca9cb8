"""The demo lesson plan for `make run`: a JHS 50-minute team-taught lesson owned by the demo
JTE and shared with the demo ALT as an editor, so both logins show co-planning at once.

Keyed by owner and title: running the demo command again leaves the plan (and whatever the
demo users did to it) alone and never makes a second one.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from lessons.models import LessonPlan, MemberRole, PlanMember, Visibility
from lessons.services.editing import add_step, create_plan
from library.models import Grade, LibraryPage, TextbookUnit

DEMO_TITLE = "Weekend plans: be going to (JHS2)"

DEMO_STEPS = [
    {
        "phase": "warm_up",
        "minutes": 3,
        "title": "Greeting",
        "student_activity": "Greet the teachers; say the date, day and weather.",
        "jte_role": "Leads the greeting and checks who is absent.",
        "alt_role": "Asks two or three students how they are and reacts to their answers.",
    },
    {
        "phase": "warm_up",
        "minutes": 5,
        "title": "Small talk: my weekend",
        "student_activity": "Listen to the teachers talk about their weekend; answer one "
        "question in pairs.",
        "jte_role": "Asks the ALT about the weekend and asks a follow-up question.",
        "alt_role": "Talks about a real plan for this weekend using “I'm going to …”; asks "
        "the class “What are you going to do this weekend?”",
        "teacher_notes": "The new grammar appears first here, in a real conversation.",
    },
    {
        "phase": "introduction",
        "minutes": 10,
        "title": "Oral introduction: be going to",
        "student_activity": "Notice the form in the model dialogue; repeat after the ALT.",
        "jte_role": "Explains the form (be going to + verb) on the board, in Japanese where "
        "needed.",
        "alt_role": "Performs the model dialogue with the JTE; leads repetition (chorus, rows, "
        "individuals).",
        "teacher_notes": "Write the key sentence in colour. Keep the explanation under three "
        "minutes.",
    },
    {
        "phase": "practice",
        "minutes": 12,
        "title": "Picture-cue pair drill",
        "student_activity": "Ask and answer about the pictures with a partner; change "
        "partners once.",
        "jte_role": "Monitors the left half of the room.",
        "alt_role": "Monitors the right half; corrects pronunciation of “going to”.",
        "evaluation": "Uses be going to accurately in the drill.",
        "viewpoint": "knowledge",
    },
    {
        "phase": "production",
        "minutes": 15,
        "title": "Weekend survey",
        "student_activity": "Interview four classmates about their weekend plans and ask one "
        "follow-up question each.",
        "jte_role": "Circulates and encourages follow-up questions.",
        "alt_role": "Joins as an interviewee for pairs who finish early; notes good questions "
        "to share at the end.",
        "evaluation": "Asks and answers with a follow-up question (observation).",
        "viewpoint": "thinking",
    },
    {
        "phase": "reflection",
        "minutes": 5,
        "title": "Reflection",
        "student_activity": "Write one sentence about your own weekend plan and one thing you "
        "can do now.",
        "jte_role": "Collects the reflection sheets; previews the next lesson.",
        "alt_role": "Shares two good questions heard in the survey; says goodbye.",
        "evaluation": "Reflection sheet.",
        "viewpoint": "attitude",
    },
]

# The production step, when the demo library's fortune-teller game is there to link.
GAME_STEP = {
    "student_activity": "Play the fortune-teller game in groups of four: one fortune teller "
    "tells each classmate what they are going to do this weekend; the others react.",
    "jte_role": "Puts the groups together and keeps time; helps groups that stall.",
    "alt_role": "Plays the first fortune teller with the JTE as a model; then joins the "
    "groups and asks follow-up questions (“Really? Where are you going to go?”).",
}


def create_demo_plan() -> tuple[LessonPlan, bool]:
    """The demo plan and whether it was new."""
    users = get_user_model().objects
    jte = users.get(username="jte")
    alt = users.get(username="alt")
    existing = LessonPlan.objects.filter(owner=jte, title=DEMO_TITLE).first()
    if existing is not None:
        PlanMember.objects.get_or_create(
            plan=existing, user=alt, defaults={"role": MemberRole.EDITOR, "invited_by": jte}
        )
        return existing, False
    grade = Grade.objects.filter(code="JHS2").first()
    # The demo library (demo/library.py) has a "be going to" game: link it and take
    # its textbook unit, so the inline search shows the unit's materials first.
    game = (
        LibraryPage.objects.live()
        .filter(grades__code="JHS2", title__icontains="going to")
        .order_by("pk")
        .first()
    )
    unit = (
        game.textbook_units.filter(grade__code="JHS2").order_by("pk").first() if game else None
    ) or TextbookUnit.objects.filter(grade__code="JHS2").order_by("pk").first()
    with transaction.atomic():
        plan = create_plan(
            jte,
            {
                "title": DEMO_TITLE,
                "grade": grade,
                "class_name": "2-3",
                "textbook_unit": unit,
                "period": 3,
                "length_minutes": 50,
                "language": "en",
                "goal": "Students can talk about their weekend plans using be going to.",
                "can_do": "週末の予定について、be going to を使って尋ねたり答えたりすることが"
                "できる。",
            },
        )
        for step in DEMO_STEPS:
            if step["phase"] == "production" and game is not None:
                step = {**step, **GAME_STEP, "title": game.title[:100]}
                add_step(plan.pk, jte, step, [game.pk])
            else:
                add_step(plan.pk, jte, step)
        PlanMember.objects.create(plan=plan, user=alt, role=MemberRole.EDITOR, invited_by=jte)
        LessonPlan.objects.filter(pk=plan.pk).update(visibility=Visibility.SHARED)
    plan.refresh_from_db()
    return plan, True
