"""The calendar's forms: a class's timetable and ALT visits, a school's bell times,
scheduling a unit, bumping a lesson, class notes and the hand-over."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from lessons import limits
from lessons.models import LessonPlan, UnitPlan
from schools.models.timetable import MAX_PERIOD, VisitPattern, Weekday

MAX_CHOSEN_DATES = 60
SCHOOL_WEEKDAYS = [day for day in Weekday if day != Weekday.SATURDAY]


def slot_value(weekday: int, period: int) -> str:
    return f"{weekday}-{period}"


class TimetableForm(forms.Form):
    """Which periods of which weekdays the class has English (a grid of checkboxes), and
    which weeks the ALT comes."""

    periods = forms.MultipleChoiceField(
        label=_("English periods"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            (slot_value(day.value, period), f"{day.label} {period}")
            for day in Weekday
            for period in range(1, MAX_PERIOD + 1)
        ],
    )
    pattern = forms.ChoiceField(
        label=_("The ALT comes"), choices=VisitPattern.choices, initial=VisitPattern.EVERY_WEEK
    )
    first_week = forms.DateField(
        label=_("A week the ALT comes (for every other week)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    chosen_dates = forms.CharField(
        label=_("The dates the ALT comes (one per line, e.g. 2026-06-02)"),
        required=False,
        max_length=MAX_CHOSEN_DATES * 12,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_periods(self) -> list[tuple[int, int]]:
        return [
            tuple(int(part) for part in value.split("-")) for value in self.cleaned_data["periods"]
        ]

    def clean_chosen_dates(self) -> list[date]:
        found = []
        for line in self.cleaned_data["chosen_dates"].replace(",", "\n").splitlines():
            text = line.strip()
            if not text:
                continue
            try:
                found.append(date.fromisoformat(text))
            except ValueError:
                raise forms.ValidationError(
                    _("“%(text)s” is not a date: write it as 2026-06-02."),
                    params={"text": text[:20]},
                ) from None
        if len(found) > MAX_CHOSEN_DATES:
            raise forms.ValidationError(
                _("At most %(count)s dates."), params={"count": MAX_CHOSEN_DATES}
            )
        return sorted(set(found))

    def clean(self):
        data = super().clean()
        if data.get("pattern") == VisitPattern.ALTERNATE_WEEKS and not data.get("first_week"):
            self.add_error("first_week", _("Every other week needs a week the ALT comes."))
        if data.get("pattern") == VisitPattern.CHOSEN_DATES and not data.get("chosen_dates"):
            self.add_error("chosen_dates", _("Write the dates the ALT comes."))
        return data


class BellTimesForm(forms.Form):
    """When each period starts and ends; periods left empty have no time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for period in range(1, MAX_PERIOD + 1):
            for end in ("starts", "ends"):
                self.fields[f"{end}_{period}"] = forms.TimeField(
                    label=(
                        _("Period %(period)s starts")
                        if end == "starts"
                        else _("Period %(period)s ends")
                    )
                    % {"period": period},
                    required=False,
                    widget=forms.TimeInput(attrs={"type": "time"}),
                )

    def clean(self):
        data = super().clean()
        for period in range(1, MAX_PERIOD + 1):
            starts, ends = data.get(f"starts_{period}"), data.get(f"ends_{period}")
            if bool(starts) != bool(ends):
                self.add_error(f"ends_{period}", _("Give both times, or neither."))
            elif starts and ends and ends <= starts:
                self.add_error(f"ends_{period}", _("A period ends after it starts."))
        return data

    def times(self) -> dict[int, tuple]:
        data = self.cleaned_data
        return {
            period: (data[f"starts_{period}"], data[f"ends_{period}"])
            for period in range(1, MAX_PERIOD + 1)
            if data.get(f"starts_{period}")
        }


class ScheduleForm(forms.Form):
    unit_plan = forms.ModelChoiceField(label=_("Unit plan"), queryset=UnitPlan.objects.none())
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, school_class, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_plan"].queryset = UnitPlan.objects.filter(school_class=school_class)


class BumpForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=LessonPlan.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, school_class, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = LessonPlan.objects.filter(
            school_class=school_class, taught_on__isnull=False, period__isnull=False
        )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("My notes on this class"),
        required=False,
        max_length=limits.UNIT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For you and whoever takes over the class: they print in the hand-over pack."),
    )


class HandoverForm(forms.Form):
    successor = forms.ModelChoiceField(label=_("Your successor"), queryset=None)
    message = forms.CharField(
        label=_("A word for your successor"),
        required=False,
        max_length=limits.UNIT_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I hand over all my classes, unit plans and lesson plans, my private plans "
            "included: they become my successor's."
        )
    )

    def __init__(self, *args, successors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = successors
        self.fields["successor"].label_from_instance = lambda user: user.shown_name
