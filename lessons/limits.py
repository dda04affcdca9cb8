"""Size limits for lesson plans, in one place.

The planner's forms, the JSON API, the models and the PDF layouts (issue #6) all read these,
so a plan that fits the editor always fits on paper: a 50-minute lesson rarely has more than
ten steps, and an A4 学習指導案 table cell holds a paragraph, not an essay.
"""

# Minutes: one step, and the whole lesson (a double period is 100 minutes).
MIN_MINUTES = 1
MAX_MINUTES = 120
MAX_LESSON_MINUTES = 120
MAX_PERIOD = 8  # 1st to 8th period (校時)

MAX_STEPS = 40
MAX_MATERIALS_PER_STEP = 8
MAX_MEMBERS = 20

# Text lengths, in characters (Japanese and English alike).
TITLE = 200
CLASS_NAME = 40
GOAL = 1000
CAN_DO = 500
UNIT_TEXT = 3000  # 単元について, 単元の目標, 単元指導計画
CRITERIA = 1000  # 評価規準, one per 観点
STEP_TITLE = 100
STEP_TEXT = 1500  # 学習活動, JTE/HRT role, ALT role, 指導上の留意点
EVALUATION = 500
COMMENT = 2000
