"""Synthetic library pages for the search-quality benchmark, in the import format
(library/importing: one dict per page, as a line of a .jsonl file).

20 topics x 8 activity kinds x 2 variants = 320 pages beside the demo's 88, so that a query
has many near misses to rank past (every topic page shares words with the others of its
kind, every kind page with the others of its topic). Everything a judgment depends on is in
the slug, `sq-<topic>-<kind>-<variant>`, so queries.json can name pages by slug or by a
glob over slugs (`sq-weather-*`) and the judgments survive reloads.

The two variants of a (topic, kind) differ the way teachers' pages differ (five topics are
written in one language only — at the doctor's, class survey and pronunciation practice in
English; moving house and the seasons in Japanese — so that a query in the other language
has nothing but cross-language pages to find):

- variant 1 is bilingual, written with British spellings (colour, favourite, centre,
  practise, organise, summarise) and the first Japanese notation (ハロウィン, 引っ越し), and
  is linked to the topic's textbook unit when it has one;
- variant 2 uses American spellings and the second notation (ハロウィーン, 引越し), and is
  written in one language only: English for even kinds, Japanese for odd kinds. The Japanese
  pages write their words in kanji; nothing in any page spells a word in kana that the
  page writes in kanji (the kana-reading queries depend on that).

Filler sentences and grades are drawn from a seeded generator: the same pages every run.
"""

import random
from dataclasses import dataclass

SEED = 20260214
PREFIX = "sq-"


@dataclass(frozen=True)
class Topic:
    key: str
    en: tuple[str, str]  # (British, American) name used in titles
    ja: tuple[str, str]  # (first, second notation) name used in Japanese titles
    words_en: tuple[str, str]  # topic sentences (British, American)
    words_ja: str  # a Japanese topic sentence, kanji where a teacher writes kanji
    grades: tuple[str, ...]
    unit: dict | None = None  # textbook unit of variant 1
    # "mixed" (variant 1 bilingual, variant 2 in one language), or "en" / "ja": every page
    # of the topic in that language only, as "At the Doctor's" is English-only in the issue.
    language: str = "mixed"


@dataclass(frozen=True)
class Kind:
    key: str
    en: str
    ja: str
    activity: str
    how_en: str
    how_ja: str


TOPICS = (
    Topic(
        "weather",
        ("the weather", "the weather"),
        ("天気", "天気"),
        (
            "Students say how it is today: sunny, rainy, cloudy or snowy.",
            "Students say how it is today: sunny, rainy, cloudy or snowy.",
        ),
        "晴れ、雨、曇り、雪など今日の天気を英語で言います。",
        ("ES4", "ES5"),
        {"series": "Let's Try!", "grade": "ES4", "unit": "Unit 2"},
    ),
    Topic(
        "colours",
        ("colours", "colors"),
        ("色", "色"),
        (
            "Learn the colours red, blue, yellow and green and say your favourite colour.",
            "Learn the colors red, blue, yellow and green and say your favorite color.",
        ),
        "赤、青、黄色、緑などの色の名前を覚え、好きな色を伝えます。",
        ("ES3",),
        {"series": "Let's Try!", "grade": "ES3", "unit": "Unit 4"},
    ),
    Topic(
        "numbers",
        ("numbers 1 to 20", "numbers 1 to 20"),
        ("数", "数"),
        (
            "Count from one to twenty and ask how many apples there are.",
            "Count from one to twenty and ask how many apples there are.",
        ),
        "1から20までの数を数え、りんごがいくつあるか尋ねます。",
        ("ES3",),
        {"series": "Let's Try!", "grade": "ES3", "unit": "Unit 3"},
    ),
    Topic(
        "favourite-food",
        ("my favourite food", "my favorite food"),
        ("好きな食べ物", "好きな食べ物"),
        (
            "Students ask about favourite food: curry, sushi, ramen or pizza.",
            "Students ask about favorite food: curry, sushi, ramen or pizza.",
        ),
        "カレー、寿司、ラーメンなど好きな食べ物を尋ね合います。",
        ("ES5", "JHS1"),
    ),
    Topic(
        "doctor",
        ("at the doctor's", "at the doctor's"),
        ("病院", "病院"),
        (
            "A patient tells the doctor: I have a headache, I have a fever, my stomach hurts.",
            "A patient tells the doctor: I have a headache, I have a fever, my stomach hurts.",
        ),
        "病院で医者に頭痛や熱、腹痛など体の具合を伝える表現を学びます。",
        ("JHS2", "JHS3"),
        language="en",
    ),
    Topic(
        "survey",
        ("class survey", "class survey"),
        ("アンケート", "アンケート"),
        (
            "Each student asks five classmates a survey question, tallies the answers and "
            "draws a bar graph of the results.",
            "Each student asks five classmates a survey question, tallies the answers and "
            "draws a bar graph of the results.",
        ),
        "友だちにアンケートをとり、結果を集計して棒グラフにまとめます。",
        ("ES6", "JHS1"),
        language="en",
    ),
    Topic(
        "halloween",
        ("Halloween", "Halloween"),
        ("ハロウィン", "ハロウィーン"),
        (
            "Costumes, trick or treat and pumpkin lanterns: the words of Halloween night.",
            "Costumes, trick or treat and pumpkin lanterns: the words of Halloween night.",
        ),
        "仮装やお菓子、かぼちゃのランタンなど秋のお祭りの英語を楽しみます。",
        ("ES5", "ES6", "JHS1"),
    ),
    Topic(
        "moving",
        ("moving house", "moving to a new town"),
        ("引っ越し", "引越し"),
        (
            "A family packs boxes and moves to a new town; the children say goodbye to old "
            "friends and meet new neighbours.",
            "A family packs boxes and moves to a new town; the children say goodbye to old "
            "friends and meet new neighbors.",
        ),
        "家族で新しい町に移ることになり、友だちに別れを告げ、新しい隣人にあいさつします。",
        ("JHS2",),
        language="ja",
    ),
    Topic(
        "town-centre",
        ("the town centre", "the town center"),
        ("町の中心部", "町の中心部"),
        (
            "A map of the town centre: the station, the library, the sports centre and the "
            "shopping centre.",
            "A map of the town center: the station, the library, the sports center and the "
            "shopping center.",
        ),
        "駅や図書館、体育館がある町の中心部の地図を使います。",
        ("ES6", "JHS2"),
    ),
    Topic(
        "pronunciation",
        ("pronunciation practice", "pronunciation practice"),
        ("発音練習", "発音練習"),
        (
            "Practise the sounds th, r and l every lesson until they come naturally.",
            "Practice the sounds th, r and l every lesson until they come naturally.",
        ),
        "th、r、lなど日本語にない音を毎時間練習します。",
        ("JHS1", "JHS2"),
        language="en",
    ),
    Topic(
        "self-introduction",
        ("self-introduction", "self-introduction"),
        ("自己紹介", "自己紹介"),
        (
            "Students introduce themselves: name, birthday, what they like and what they can do.",
            "Students introduce themselves: name, birthday, what they like and what they can do.",
        ),
        "名前や誕生日、好きなもの、できることを英語で言って自分のことを伝えます。",
        ("ES6", "JHS1"),
        {"series": "NEW HORIZON", "grade": "JHS1", "unit": "Unit 1"},
    ),
    Topic(
        "summary",
        ("summary writing", "summary writing"),
        ("要約", "要約"),
        (
            "Read a short article and summarise it in three sentences: the main idea first, "
            "then two details.",
            "Read a short article and summarize it in three sentences: the main idea first, "
            "then two details.",
        ),
        "短い記事を読み、要点を三文にまとめます。",
        ("SHS1", "SHS2"),
    ),
    Topic(
        "animals",
        ("animals", "animals"),
        ("動物", "動物"),
        (
            "Lions, elephants, pandas and koalas: where they live and what they eat.",
            "Lions, elephants, pandas and koalas: where they live and what they eat.",
        ),
        "ライオン、ゾウ、パンダなどの動物がどこに住み何を食べるかを学びます。",
        ("ES5", "JHS3"),
        {"series": "NEW HORIZON", "grade": "JHS3", "unit": "Unit 3"},
    ),
    Topic(
        "seasons",
        ("the four seasons", "the four seasons"),
        ("季節", "季節"),
        (
            "Spring, summer, autumn and winter: which season do you like and why?",
            "Spring, summer, fall and winter: which season do you like and why?",
        ),
        "春夏秋冬の中で好きな季節とその理由を伝えます。",
        ("ES5",),
        language="ja",
    ),
    Topic(
        "shopping",
        ("shopping", "shopping"),
        ("買い物", "買い物"),
        (
            "How much is it? Customers and shop assistants buy and sell clothes and snacks.",
            "How much is it? Customers and shop assistants buy and sell clothes and snacks.",
        ),
        "店員と客になり、値段を尋ねて服やお菓子を売り買いします。",
        ("ES4", "JHS1"),
    ),
    Topic(
        "directions",
        ("giving directions", "giving directions"),
        ("道案内", "道案内"),
        (
            "Go straight, turn left, turn right: guide a visitor to the station on a map.",
            "Go straight, turn left, turn right: guide a visitor to the station on a map.",
        ),
        "地図を見ながら駅までの行き方を説明します。",
        ("ES5", "JHS2"),
    ),
    Topic(
        "jobs",
        ("jobs", "jobs"),
        ("職業", "職業"),
        (
            "Doctor, teacher, pilot, baker: what do you want to be in the future?",
            "Doctor, teacher, pilot, baker: what do you want to be in the future?",
        ),
        "パイロット、先生、パン屋など将来なりたいものを伝えます。",
        ("ES6", "JHS2"),
        {"series": "NEW HORIZON", "grade": "JHS2", "unit": "Unit 3"},
    ),
    Topic(
        "school-trip",
        ("the school trip", "the school trip"),
        ("修学旅行", "修学旅行"),
        (
            "Plan the school trip: where to go, what to see and what to eat in Kyoto and Nara.",
            "Plan the school trip: where to go, what to see and what to eat in Kyoto and Nara.",
        ),
        "京都や奈良への修学旅行で行きたい場所や食べたいものを伝えます。",
        ("JHS2", "JHS3"),
    ),
    Topic(
        "class-party",
        ("organising a class party", "organizing a class party"),
        ("お楽しみ会の計画", "お楽しみ会の計画"),
        (
            "Groups organise the end-of-term party: games, snacks and who does what.",
            "Groups organize the end-of-term party: games, snacks and who does what.",
        ),
        "学期末のお楽しみ会で行うゲームや係をグループで決めます。",
        ("ES6", "JHS1"),
    ),
    Topic(
        "universal-design",
        ("universal design", "universal design"),
        ("ユニバーサルデザイン", "ユニバーサルデザイン"),
        (
            "Signs, ramps and easy-open bottles: what design is good for everyone?",
            "Signs, ramps and easy-open bottles: what design is good for everyone?",
        ),
        "ピクトグラムやスロープなど誰にとっても使いやすいデザインを考えます。",
        ("JHS2",),
        {"series": "NEW HORIZON", "grade": "JHS2", "unit": "Unit 5"},
    ),
)

KINDS = (
    Kind(
        "bingo",
        "bingo game",
        "ビンゴゲーム",
        "game",
        "Call out the words; the first team with a full line shouts bingo.",
        "単語を読み上げ、一列そろったチームがビンゴと言います。",
    ),
    Kind(
        "worksheet",
        "worksheet",
        "ワークシート",
        "worksheet",
        "Students fill in the sheet alone, then check their answers with a partner.",
        "一人でシートに記入し、ペアで答えを確かめます。",
    ),
    Kind(
        "flashcards",
        "flashcards",
        "フラッシュカード",
        "flashcards",
        "Flash each card quickly; students call out the word before it disappears.",
        "カードを素早く見せ、消える前に単語を言います。",
    ),
    Kind(
        "role-play",
        "role-play",
        "ロールプレイ",
        "role_play",
        "Pairs take the two roles, act out the dialogue, then swap.",
        "ペアで役を決めて会話を演じ、役を交代します。",
    ),
    Kind(
        "listening-quiz",
        "listening quiz",
        "リスニングクイズ",
        "listening_task",
        "The ALT reads each question twice; students circle the picture they hear.",
        "ALTが問題を二回読み、聞こえた絵に丸をつけます。",
    ),
    Kind(
        "chant",
        "chant",
        "チャンツ",
        "song_chant",
        "Clap the rhythm, then chant the lines as a class, faster each time.",
        "手拍子でリズムをとり、全員でだんだん速く唱えます。",
    ),
    Kind(
        "writing",
        "writing task",
        "作文",
        "writing_task",
        "Students write five sentences in their notebooks and read them to a partner.",
        "ノートに五文書き、ペアに読んで聞かせます。",
    ),
    Kind(
        "presentation",
        "presentation",
        "発表",
        "presentation",
        "Each group presents to the class in two minutes with a poster.",
        "グループごとにポスターを使って二分間で発表します。",
    ),
)

FILLER_EN = (
    "The JTE checks understanding in Japanese when students look lost.",
    "Keep the pace quick so that every student speaks at least twice.",
    "Finish with a short reflection in the students' notebooks.",
    "Model the key sentence with the JTE before the students try it.",
    "Praise effort as well as accuracy.",
)
FILLER_JA = (
    "生徒が迷っているときはJTEが日本語で確認します。",
    "全員が少なくとも二回は話せるようにテンポよく進めます。",
    "最後にノートに振り返りを書きます。",
    "生徒が話す前にJTEとALTで表現のモデルを示します。",
)


def slug(topic: Topic, kind: Kind, variant: int) -> str:
    return f"{PREFIX}{topic.key}-{kind.key}-{variant}"


def _english(topic: Topic, kind: Kind, variant: int, rng: random.Random) -> dict:
    name = topic.en[variant - 1]
    return {
        "title": f"{name[0].upper()}{name[1:]}: {kind.en}",
        "summary": f"A {kind.en} about {name} for a team-taught class. "
        + topic.words_en[variant - 1],
        "body": "\n".join(
            [
                topic.words_en[variant - 1],
                "",
                "## How to run it",
                f"1. {kind.how_en}",
                f"2. {rng.choice(FILLER_EN)}",
                f"3. {rng.choice(FILLER_EN)}",
                "",
            ]
        ),
    }


def _japanese(topic: Topic, kind: Kind, variant: int, rng: random.Random) -> dict:
    name = topic.ja[variant - 1]
    return {
        "title_ja": f"{name}の{kind.ja}",
        "summary_ja": f"{name}についての{kind.ja}です。{topic.words_ja}",
        "body": "\n".join(
            [
                topic.words_ja,
                "",
                "## 進め方",
                f"1. {kind.how_ja}",
                f"2. {rng.choice(FILLER_JA)}",
                "",
            ]
        ),
    }


def page(topic: Topic, kind: Kind, variant: int, rng: random.Random) -> dict:
    """One page in the import format."""
    kind_index = KINDS.index(kind)
    english = _english(topic, kind, variant, rng)
    japanese = _japanese(topic, kind, variant, rng)
    if topic.language != "mixed":
        language = topic.language
    elif variant == 1:
        language = "both"
    else:
        language = "en" if kind_index % 2 == 0 else "ja"
    entry = {
        "type": "material",
        "slug": slug(topic, kind, variant),
        "title": english["title"] if language != "ja" else japanese["title_ja"],
        "title_ja": japanese["title_ja"] if language != "en" else "",
        "summary": english["summary"] if language != "ja" else "",
        "summary_ja": japanese["summary_ja"] if language != "en" else "",
        "body": {
            "both": english["body"] + "\n---\n" + japanese["body"],
            "en": english["body"],
            "ja": japanese["body"],
        }[language],
        "grades": [rng.choice(topic.grades)],  # variant 1 with a unit: the unit's grade
        "activity_types": [kind.activity],
        "duration_minutes": rng.choice([10, 15, 20, 25]),
        "license": "cc-by",
        "author": "Search-quality benchmark",
    }
    if variant == 1 and topic.unit:
        entry["textbook_units"] = [topic.unit]
        entry["grades"] = [topic.unit["grade"]]
    return entry


def pages() -> list[dict]:
    """Every synthetic page, the same on every run."""
    rng = random.Random(SEED)
    return [
        page(topic, kind, variant, rng) for topic in TOPICS for kind in KINDS for variant in (1, 2)
    ]


def slugs() -> list[str]:
    return [slug(topic, kind, variant) for topic in TOPICS for kind in KINDS for variant in (1, 2)]
