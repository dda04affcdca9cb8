"""The three 観点 of evaluation (観点別学習状況の評価) of the 2017 Course of Study.

Every evaluation in a Japanese school names one of them: a lesson step's 評価, a unit's
評価規準, a rubric criterion on a speaking-test sheet. They live here, in the lowest app that
needs them (a speech or speaking-test rubric is library data), and lessons reuse them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Viewpoint(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Knowledge and skills (知識・技能)")
    THINKING = "thinking", _("Thinking, judgement and expression (思考・判断・表現)")
    ATTITUDE = "attitude", _("Proactive attitude to learning (主体的に学習に取り組む態度)")


# How a printed Japanese school document names each 観点, in full and in the one-character
# form score-sheet headings use (知・思・態), and
# in English one word.
VIEWPOINT_JA = {
    Viewpoint.KNOWLEDGE: "知識・技能",
    Viewpoint.THINKING: "思考・判断・表現",
    Viewpoint.ATTITUDE: "主体的に学習に取り組む態度",
}
VIEWPOINT_SHORT_JA = {
    Viewpoint.KNOWLEDGE: "知",
    Viewpoint.THINKING: "思",
    Viewpoint.ATTITUDE: "態",
}
VIEWPOINT_SHORT_EN = {
    Viewpoint.KNOWLEDGE: _("Knowledge"),
    Viewpoint.THINKING: _("Thinking"),
    Viewpoint.ATTITUDE: _("Attitude"),
}
