# ruff: noqa: RUF001 - full-width brackets are how Japanese plans are written
"""A realistic team-taught plan for checking printouts: the benchmark (benchmarks/pdf.py)
and the printing tests build it through the planner's own editing services, so it has
revisions and versions like a plan a JTE and an ALT wrote together.

A 50-minute JHS2 lesson in ten steps, Japanese and English mixed as teachers write them;
`latin=True` gives the same plan in English only (the benchmark's comparison).
"""

from __future__ import annotations

from lessons.models import LessonPlan, LessonStep
from lessons.services.editing import add_step, create_plan
from library.models import Grade, TextbookSeries, TextbookUnit

HEADER_JA = {
    "title": "Unit 3 My Summer Vacation 過去形で夏休みの思い出を伝えよう",
    "class_name": "2年3組（32名）",
    "period": 3,
    "goal": "夏休みの出来事について、過去形を用いて友達に伝えることができる。",
    "can_do": "自分の経験について、簡単な語句や文を用いて即興で伝え合うことができる。",
    "lesson_criteria_knowledge": "一般動詞の過去形を用いて、夏休みの出来事を正しく伝える技能を"
    "身に付けている。",
    "lesson_criteria_thinking": "相手の反応を見ながら、出来事と気持ちを順序立てて伝えている。",
    "lesson_criteria_attitude": "",
    "board_plan": "Unit 3 My Summer Vacation　　8月31日（月）\n"
    "めあて：夏休みの思い出を過去形で伝えよう\n"
    "I went to 〜. / I enjoyed 〜ing. / It was 〜.\n"
    "［絵カード：海・祭り・宿題］　　振り返り：伝わった表現を書こう",
    "unit_about": "本単元では、夏休みの思い出を題材に、過去形を用いて自分の経験を伝える活動を行う。"
    "生徒は一般動詞の過去形を学習したばかりであり、実際の場面で使う機会を多く設けたい。",
    "unit_goals": "過去の出来事について、事実や自分の気持ちを整理して伝えることができる。",
    "criteria_knowledge": "一般動詞の過去形の形・意味・用法を理解している。",
    "criteria_thinking": "夏休みの出来事について、相手に伝わるように工夫して話している。",
    "criteria_attitude": "夏休みの出来事について、相手に伝わるように粘り強く話そうとしている。",
    "unit_plan_text": "第1時 過去形の導入\n第2時 Small Talk と音読\n"
    "第3時 夏休みの思い出を伝え合う（本時）\n第4時 まとめ・ライティング",
}
HEADER_EN = {
    "title": "Unit 3 My Summer Vacation: telling friends about the holidays",
    "class_name": "2-3 (32 students)",
    "period": 3,
    "goal": "Students can tell a friend about their summer holidays using the past tense.",
    "can_do": "I can talk about my experiences on the spot using simple words and sentences.",
    "unit_about": "Students have just learned the past tense of regular and irregular verbs; "
    "this unit gives them many chances to use it about their own summer.",
    "unit_goals": "Students can tell others about past events, facts and feelings in order.",
    "criteria_knowledge": "Understands the form, meaning and use of the past tense.",
    "criteria_thinking": "Tells about the summer so that the partner understands.",
    "criteria_attitude": "Keeps trying to tell about the summer so that it gets across.",
    "unit_plan_text": "Lesson 1 Past tense\nLesson 2 Small talk and reading\nLesson 3 Sharing "
    "summer memories (this lesson)\nLesson 4 Writing",
}
STEP_JA = [
    (
        "warm_up",
        3,
        "Greeting",
        "挨拶をし、日付・曜日・天気を答える。",
        "欠席を確認する。",
        "Asks two or three students how they are.",
        "",
        "",
        "",
    ),
    (
        "warm_up",
        5,
        "Small Talk",
        "週末の出来事についてペアで話す。Did you enjoy your weekend?",
        "生徒の発話を支援し、つまずいている生徒に表現のヒントを与える。",
        "Models the conversation with the JTE and gives feedback on pronunciation.",
        "相手の発話に必ずリアクションをするよう促す。",
        "",
        "",
    ),
    (
        "review",
        4,
        "Review: past tense",
        "過去形のカードを見て、動詞を過去形にして言う。",
        "カードを提示し、規則変化と不規則変化を確認する。",
        "Says each verb; students repeat.",
        "",
        "過去形を正しく言えている。",
        "knowledge",
    ),
    (
        "introduction",
        6,
        "Oral introduction",
        "ALTの夏休みの話を聞き、内容を捉える。",
        "要所で生徒に質問し、理解を確かめる。",
        "Talks about a real summer trip with photos.",
        "写真を使い、意味が推測できるようにする。",
        "",
        "",
    ),
    (
        "practice",
        5,
        "Key sentences",
        "I went to ~. I enjoyed ~. を練習する。",
        "板書で形を確認する。",
        "Leads choral and individual repetition.",
        "",
        "",
        "",
    ),
    (
        "practice",
        5,
        "Interview game",
        "ペアを替えながら夏休みについて質問し合う。",
        "机間指導をし、困っている生徒を支援する。",
        "Joins pairs and asks follow-up questions.",
        "",
        "",
        "",
    ),
    (
        "production",
        8,
        "Chat: my summer",
        "夏休みの思い出について1分間チャットをする。",
        "よい表現を取り上げ、全体で共有する。",
        "Gives feedback on content and reactions.",
        "即興で話すことを重視し、間違いを恐れないよう声をかける。",
        "夏休みの出来事を、相手に伝わるように工夫して話している。",
        "thinking",
    ),
    (
        "production",
        6,
        "Writing",
        "チャットで話した内容を3文以上で書く。",
        "書き出しに困る生徒にはモデル文を示す。",
        "Checks students' sentences and helps with words.",
        "",
        "過去形を用いて正しく書いている。",
        "knowledge",
    ),
    (
        "reflection",
        5,
        "Reflection",
        "振り返りシートに本時の学びを書く。",
        "本時の目標に照らして振り返らせる。",
        "Reads out one or two good sentences.",
        "",
        "自分の表現を改善しようとしている。",
        "attitude",
    ),
    ("reflection", 3, "Closing", "挨拶をする。", "次時の予告をする。", "Says goodbye.", "", "", ""),
]
STEP_EN = [
    (
        "warm_up",
        3,
        "Greeting",
        "Greet the teachers; say the date, day and weather.",
        "Checks who is absent.",
        "Asks two or three students how they are.",
        "",
        "",
        "",
    ),
    (
        "warm_up",
        5,
        "Small Talk",
        "Talk in pairs about the weekend. Did you enjoy it?",
        "Supports students' speaking and gives hints to those who get stuck.",
        "Models the conversation with the JTE and gives feedback on pronunciation.",
        "Remind students to react to their partner.",
        "",
        "",
    ),
    (
        "review",
        4,
        "Review: past tense",
        "Look at verb cards and say each in the past tense.",
        "Shows the cards; checks regular and irregular verbs.",
        "Says each verb; students repeat.",
        "",
        "Says the past forms correctly.",
        "knowledge",
    ),
    (
        "introduction",
        6,
        "Oral introduction",
        "Listen to the ALT's summer story.",
        "Asks students questions to check understanding.",
        "Talks about a summer trip with photos.",
        "Photos let students guess the meaning.",
        "",
        "",
    ),
    (
        "practice",
        5,
        "Key sentences",
        "Practise I went to ~. I enjoyed ~.",
        "Writes the pattern on the board.",
        "Leads choral and individual repetition.",
        "",
        "",
        "",
    ),
    (
        "practice",
        5,
        "Interview game",
        "Ask each other about the summer, changing partners.",
        "Walks around and helps students who are stuck.",
        "Joins pairs and asks follow-ups.",
        "",
        "",
        "",
    ),
    (
        "production",
        8,
        "Chat: my summer",
        "Chat for one minute about a summer memory.",
        "Picks up good expressions and shares them.",
        "Gives feedback on content and reactions.",
        "Speaking on the spot matters more than accuracy here.",
        "Tells about the summer so that the partner understands.",
        "thinking",
    ),
    (
        "production",
        6,
        "Writing",
        "Write at least three sentences about the chat.",
        "Shows a model to students who cannot start.",
        "Checks sentences and helps with words.",
        "",
        "Uses the past tense correctly in writing.",
        "knowledge",
    ),
    (
        "reflection",
        5,
        "Reflection",
        "Write what they learned on the reflection sheet.",
        "Has students reflect on the lesson goal.",
        "Reads out one or two good sentences.",
        "",
        "Tries to improve their own expressions.",
        "attitude",
    ),
    (
        "reflection",
        3,
        "Closing",
        "Say goodbye.",
        "Tells students about the next lesson.",
        "Says goodbye.",
        "",
        "",
        "",
    ),
]
# The step rows above are in the order of a step's content fields.
FIELDS = LessonStep.CONTENT_FIELDS


def sample_unit() -> TextbookUnit:
    grade = Grade.objects.get(code="JHS2")
    series, _created = TextbookSeries.objects.get_or_create(name="NEW HORIZON")
    unit, _created = TextbookUnit.objects.get_or_create(
        series=series, grade=grade, label="Unit 3", defaults={"title": "My Summer Vacation"}
    )
    return unit


def build_sample_plan(
    owner, *, latin: bool = False, steps: int = 10, material_ids: list[int] | None = None
) -> LessonPlan:
    """Create the sample plan for `owner` with `steps` steps (the ten repeat after ten);
    `material_ids` are linked to the second and seventh step."""
    from datetime import date

    unit = sample_unit()
    header = HEADER_EN if latin else HEADER_JA
    plan = create_plan(
        owner,
        {
            **header,
            "grade": unit.grade,
            "textbook_unit": unit,
            "taught_on": date(2026, 6, 11),
            "length_minutes": 50,
            "language": "en" if latin else "ja",
        },
    )
    rows = STEP_EN if latin else STEP_JA
    for index in range(steps):
        values = dict(zip(FIELDS, rows[index % len(rows)], strict=True))
        materials = material_ids if material_ids and index in (1, 6) else None
        add_step(plan.pk, owner, values, materials)
    return LessonPlan.objects.for_header().get(pk=plan.pk)
