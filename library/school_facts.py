"""Japanese school facts the library is seeded with: stages and grades, skill areas, 観点,
the authorised textbooks (docs/architecture.md §3).

Plain data, imported by the seeding migration and by the import command's validation, so
there is one place to correct a publisher's name or add a grade.
"""

# (code, English, Japanese, stage)
GRADES = [
    ("ES3", "Elementary 3", "小3", "ES"),
    ("ES4", "Elementary 4", "小4", "ES"),
    ("ES5", "Elementary 5", "小5", "ES"),
    ("ES6", "Elementary 6", "小6", "ES"),
    ("JHS1", "Junior high 1", "中1", "JHS"),
    ("JHS2", "Junior high 2", "中2", "JHS"),
    ("JHS3", "Junior high 3", "中3", "JHS"),
    ("SHS1", "Senior high 1", "高1", "SHS"),
    ("SHS2", "Senior high 2", "高2", "SHS"),
    ("SHS3", "Senior high 3", "高3", "SHS"),
]

# The five areas of the 2017 Course of Study: (code, English, Japanese).
SKILLS = [
    ("listening", "Listening", "聞くこと"),
    ("reading", "Reading", "読むこと"),
    ("spoken_interaction", "Speaking (interaction)", "話すこと[やり取り]"),
    ("spoken_production", "Speaking (production)", "話すこと[発表]"),
    ("writing", "Writing", "書くこと"),
]

# (name, publisher, publisher in Japanese, grade codes)
_ES34 = ["ES3", "ES4"]
_ES56 = ["ES5", "ES6"]
_JHS = ["JHS1", "JHS2", "JHS3"]
TEXTBOOK_SERIES = [
    ("Let's Try!", "MEXT", "文部科学省", _ES34),
    ("NEW HORIZON Elementary", "Tokyo Shoseki", "東京書籍", _ES56),
    ("Junior Sunshine", "Kairyudo", "開隆堂", _ES56),
    ("CROWN Jr.", "Sanseido", "三省堂", _ES56),
    ("ONE WORLD Smiles", "Kyoiku Shuppan", "教育出版", _ES56),
    ("Here We Go! Elementary", "Mitsumura Tosho", "光村図書", _ES56),
    ("Blue Sky elementary", "Keirinkan", "啓林館", _ES56),
    ("NEW HORIZON", "Tokyo Shoseki", "東京書籍", _JHS),
    ("NEW CROWN", "Sanseido", "三省堂", _JHS),
    ("SUNSHINE", "Kairyudo", "開隆堂", _JHS),
    ("Here We Go!", "Mitsumura Tosho", "光村図書", _JHS),
    ("BLUE SKY", "Keirinkan", "啓林館", _JHS),
    ("ONE WORLD", "Kyoiku Shuppan", "教育出版", _JHS),
]

# (code, English, Japanese)
ACTIVITY_TYPES = [
    ("warm_up", "Warm-up", "ウォームアップ"),
    ("game", "Game", "ゲーム"),
    ("worksheet", "Worksheet", "ワークシート"),
    ("flashcards", "Flashcards", "フラッシュカード"),
    ("song_chant", "Song / chant", "歌・チャンツ"),
    ("role_play", "Role-play", "ロールプレイ"),
    ("listening_task", "Listening task", "リスニング活動"),
    ("reading_task", "Reading task", "リーディング活動"),
    ("writing_task", "Writing task", "ライティング活動"),
    ("presentation", "Presentation", "発表"),
    ("review", "Review", "復習"),
    ("phonics", "Phonics", "フォニックス"),
    ("cultural_exchange", "Cultural exchange", "異文化理解"),
    ("debate", "Debate", "ディベート"),
    ("speech", "Speech", "スピーチ"),
]

# Lesson length (one 単位時間) by stage, in minutes.
LESSON_MINUTES = {"ES": 45, "JHS": 50, "SHS": 50}
