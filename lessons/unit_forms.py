"""Forms of unit plans (単元指導計画) and yearly plans (年間指導計画)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lessons.forms import TidyTextMixin, UnitChoiceField
from lessons.models import UnitPlan, Viewpoint, YearlyPlanRow
from library.models import Skill, TextbookUnit
from schools.models import SchoolClass

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class UnitPlanForm(TidyTextMixin, forms.ModelForm):
    textbook_unit = UnitChoiceField()

    class Meta:
        model = UnitPlan
        fields = [
            "title",
            "textbook_unit",
            "lesson_count",
            "goal",
            "criteria_knowledge",
            "criteria_thinking",
            "criteria_attitude",
            "about_material",
            "about_students",
            "about_teaching",
        ]
        widgets = dict.fromkeys(fields[3:], TEXTAREA)

    def __init__(self, *args, school_class: SchoolClass | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        units = TextbookUnit.objects.select_related("series", "grade")
        if school_class is not None:
            units = units.filter(grade=school_class.grade_id)
        self.fields["textbook_unit"].queryset = units.order_by(
            "series__sort_order", "series__name", "number", "label"
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title") and cleaned.get("textbook_unit"):
            cleaned["title"] = str(cleaned["textbook_unit"])
        return cleaned


class UnitLessonForm(TidyTextMixin, forms.Form):
    """One row of the unit plan's table: the lesson's aim and the 観点 it evaluates."""

    aim = forms.CharField(
        label=_("Aim"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    focus = forms.MultipleChoiceField(
        label=_("Evaluation (観点)"),
        required=False,
        choices=Viewpoint.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class CopyUnitPlanForm(forms.Form):
    school_class = forms.ModelChoiceField(
        queryset=SchoolClass.objects.none(), label=_("Copy to the class")
    )

    def __init__(self, *args, classes=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["school_class"]
        field.queryset = classes
        field.label_from_instance = lambda c: f"{c.school.name} · {c.name} ({c.academic_year})"


class YearlyRowForm(TidyTextMixin, forms.ModelForm):
    skills = forms.ModelMultipleChoiceField(
        queryset=Skill.objects.order_by("sort_order"),
        required=False,
        label=_("Skill areas"),
        widget=forms.CheckboxSelectMultiple,
    )
    textbook_unit = UnitChoiceField()

    class Meta:
        model = YearlyPlanRow
        fields = [
            "month",
            "textbook_unit",
            "unit_title",
            "pages",
            "planned_hours",
            "grammar",
            "skills",
        ]

    def __init__(self, *args, grade=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].label_from_instance = lambda skill: skill.shown_name
        if grade is not None:
            self.fields["textbook_unit"].queryset = TextbookUnit.objects.select_related(
                "series", "grade"
            ).filter(grade=grade)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("textbook_unit") and not cleaned.get("unit_title"):
            self.add_error("unit_title", _("Pick a textbook unit or write the unit's name."))
        return cleaned


class YearlyImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: month, unit, pages, hours, grammar, skill areas. UTF-8 or Shift_JIS "
            "(as Excel saves it in Japan)."
        ),
    )
