"""The forms of the schools pages: a school, a colleague to add, a class and its teachers."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from library.models import Grade, Stage
from schools.models import ClassTeacher, School, SchoolClass, SchoolRole
from schools.services.access import member_users


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = ["name", "name_ja", "stage", "prefecture"]


def role_for(user) -> str:
    """A new member's role at the school, from what they said they do on sign-up."""
    job = getattr(user, "role", "")
    return {"ALT": SchoolRole.ALT, "JTE": SchoolRole.JTE, "HRT": SchoolRole.HRT}.get(
        job, SchoolRole.OTHER
    )


class AddColleagueForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        label=_("Colleague"),
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pick one of the people found.")},
    )
    role = forms.ChoiceField(label=_("Role at this school"), choices=SchoolRole.choices)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = [person.pk for person in candidates]
        self.fields["user"].queryset = get_user_model().objects.filter(pk__in=ids)
        self.fields["user"].label_from_instance = lambda person: (
            f"{person.shown_name} ({person.username})"
        )


class ClassForm(forms.ModelForm):
    """A class with its JTE or HRT and its ALTs, picked from the school's members."""

    lead_teacher = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("JTE or HRT"),
    )
    alts = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=_("ALT(s)"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SchoolClass
        fields = ["academic_year", "grade", "name", "students", "boys", "girls"]

    def __init__(self, *args, school: School, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.instance.school = school
        members = member_users(school)
        label = lambda person: person.shown_name  # noqa: E731
        for name in ("lead_teacher", "alts"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = label
        grades = Grade.objects.order_by("sort_order")
        if school.stage in Stage.values:
            grades = grades.filter(stage=school.stage)
        self.fields["grade"].queryset = grades
        if self.instance.pk:
            teachers = list(self.instance.class_teachers.all())
            self.initial["lead_teacher"] = next(
                (t.user_id for t in teachers if t.role != SchoolRole.ALT), None
            )
            self.initial["alts"] = [t.user_id for t in teachers if t.role == SchoolRole.ALT]

    def clean(self):
        cleaned = super().clean()
        lead = cleaned.get("lead_teacher")
        if lead is not None and lead in (cleaned.get("alts") or []):
            self.add_error("alts", _("The JTE or HRT cannot also be the class's ALT."))
        return cleaned

    def validate_unique(self):
        # The school is set on the instance, not a form field: check (school, year, name) too.
        super().validate_unique()
        taken = SchoolClass.objects.filter(
            school=self.school,
            academic_year=self.cleaned_data.get("academic_year"),
            name=self.cleaned_data.get("name"),
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error("name", _("This school already has a class of that name that year."))

    def save(self, commit=True):
        school_class = super().save(commit=True)
        grade = school_class.grade
        lead_role = SchoolRole.HRT if grade.stage == Stage.ELEMENTARY else SchoolRole.JTE
        school_class.class_teachers.all().delete()
        rows = []
        if self.cleaned_data.get("lead_teacher"):
            rows.append(
                ClassTeacher(
                    school_class=school_class,
                    user=self.cleaned_data["lead_teacher"],
                    role=lead_role,
                )
            )
        rows += [
            ClassTeacher(school_class=school_class, user=alt, role=SchoolRole.ALT)
            for alt in self.cleaned_data.get("alts") or []
        ]
        ClassTeacher.objects.bulk_create(rows)
        return school_class
