"""The planner's forms. Limits come from the models (lessons/limits.py), so a form, the API
and the PDF layouts agree on what fits."""

from django import forms
from django.utils.text import normalize_newlines
from django.utils.translation import gettext_lazy as _

from lessons import limits
from lessons.models import LessonPlan, LessonStep, MemberRole, PlanMember, Visibility
from lessons.printing.estimate import check_plan_prints
from lessons.services.materials import UnknownMaterials, linkable_materials, live_material_ids
from library.models import Grade, LibraryPage, TextbookUnit
from library.school_facts import LESSON_MINUTES


class TidyTextMixin:
    """Browsers send textarea line breaks as CRLF; store LF, so revisions and conflict
    checks compare what people wrote, not how their browser wrapped it."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str):
                cleaned[name] = normalize_newlines(value)
        return cleaned


class GradeChoiceField(forms.ModelChoiceField):
    """Grades by code ("JHS2") in the form, as in the API and revisions."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Grade.objects.all(),
            to_field_name="code",
            required=False,
            empty_label=_("Any grade"),
            label=_("Grade"),
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.shown_name


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=TextbookUnit.objects.select_related("series", "grade"),
            required=False,
            empty_label=_("No textbook unit"),
            label=_("Textbook unit"),
            **kwargs,
        )

    def label_from_instance(self, obj):
        """As teachers name it, in the page's language: "NEW HORIZON 2 · Unit 5: …"."""
        return obj.display_name()


class GradeSelect(forms.Select):
    """Each grade option says its stage's lesson length, so the page can fill in 45 or 50
    minutes when a teacher picks a grade (lessons.js)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-lesson-minutes"] = LESSON_MINUTES.get(instance.stage, "")
        return option


class VersionField(forms.IntegerField):
    """The version the form was loaded from: what makes a stale save detectable."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=0, **kwargs)


HEADER_WIDGETS = {
    "taught_on": forms.DateInput(attrs={"type": "date"}),
    "goal": forms.Textarea(attrs={"rows": 2}),
    "can_do": forms.Textarea(attrs={"rows": 2}),
    "lesson_criteria_knowledge": forms.Textarea(attrs={"rows": 2}),
    "lesson_criteria_thinking": forms.Textarea(attrs={"rows": 2}),
    "lesson_criteria_attitude": forms.Textarea(attrs={"rows": 2}),
    "board_plan": forms.Textarea(attrs={"rows": 5}),
    "unit_about": forms.Textarea(attrs={"rows": 4}),
    "unit_goals": forms.Textarea(attrs={"rows": 3}),
    "criteria_knowledge": forms.Textarea(attrs={"rows": 2}),
    "criteria_thinking": forms.Textarea(attrs={"rows": 2}),
    "criteria_attitude": forms.Textarea(attrs={"rows": 2}),
    "unit_plan_text": forms.Textarea(attrs={"rows": 4}),
}


class NewPlanForm(TidyTextMixin, forms.ModelForm):
    """Start a blank plan: the few things a teacher knows before writing steps."""

    grade = GradeChoiceField(widget=GradeSelect)
    textbook_unit = UnitChoiceField()

    class Meta:
        model = LessonPlan
        fields = list(LessonPlan.BASIC_FIELDS)
        widgets = HEADER_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["length_minutes"].required = False
        self.fields["length_minutes"].help_text = _(
            "Leave empty for the usual length: 45 minutes at elementary school, 50 at junior "
            "and senior high."
        )


class PlanHeaderForm(TidyTextMixin, forms.ModelForm):
    """Every header field, including the 細案's unit-level sections."""

    grade = GradeChoiceField(widget=GradeSelect)
    textbook_unit = UnitChoiceField()
    version = VersionField()

    class Meta:
        model = LessonPlan
        fields = list(LessonPlan.HEADER_FIELDS)
        widgets = HEADER_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ModelForm's initial holds the grade's id; the select lists grades by code.
        if self.instance.grade_id and not self.is_bound:
            self.initial["grade"] = self.instance.grade.code

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            # A save that would make the plan unprintable is refused here, while the
            # teacher can still shorten it (lessons/printing/estimate.py).
            check_plan_prints(self.instance, header=cleaned)
        return cleaned

    def header_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in LessonPlan.HEADER_FIELDS}


class MaterialsField(forms.Field):
    """Ids of published library pages, sent as repeated `materials` values."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        try:
            ids = [int(item) for item in value]
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Choose materials from the library search.")) from None
        return list(dict.fromkeys(ids))

    def validate(self, value):
        super().validate(value)
        if len(value) > limits.MAX_MATERIALS_PER_STEP:
            raise forms.ValidationError(
                _("A step can link at most %(count)d materials.")
                % {"count": limits.MAX_MATERIALS_PER_STEP}
            )
        try:
            live_material_ids(value)
        except UnknownMaterials:
            raise forms.ValidationError(
                _("A linked material is no longer in the library. Remove it and save again.")
            ) from None


class StepForm(TidyTextMixin, forms.ModelForm):
    materials = MaterialsField(required=False, label=_("Library materials"))
    version = VersionField(required=False)

    class Meta:
        model = LessonStep
        fields = [*LessonStep.CONTENT_FIELDS]
        widgets = {
            "minutes": forms.NumberInput(
                attrs={"min": limits.MIN_MINUTES, "max": limits.MAX_MINUTES}
            ),
            "student_activity": forms.Textarea(attrs={"rows": 3}),
            "jte_role": forms.Textarea(attrs={"rows": 3}),
            "alt_role": forms.Textarea(attrs={"rows": 3}),
            "teacher_notes": forms.Textarea(attrs={"rows": 2}),
            "evaluation": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, plan: LessonPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["jte_role"].label = _("%(teacher)s role") % {"teacher": plan.teacher_label}
        self.fields["viewpoint"].choices = [
            ("", _("No evaluation in this step")),
            *self.fields["viewpoint"].choices[1:],
        ]
        if self.instance.pk and not self.is_bound:
            # Only what the plan may still show: a page since unpublished or made private
            # is neither shown nor posted back (where it would be refused).
            linked = [page.pk for page in self.instance.materials.all()]
            shown = set(linkable_materials().filter(pk__in=linked).values_list("pk", flat=True))
            self.initial["materials"] = [pk for pk in linked if pk in shown]
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            # As for the header: the plan must still print within the page limit.
            check_plan_prints(
                self.plan,
                step_pk=self.instance.pk,
                step_values=cleaned,
                step_materials=cleaned.get("materials") or (),
            )
        return cleaned

    def step_values(self) -> dict:
        return {name: self.cleaned_data[name] for name in LessonStep.CONTENT_FIELDS}

    def linked_materials(self) -> list[LibraryPage]:
        """The materials the form holds now (loaded, or posted back), for the chip list."""
        ids = self["materials"].value() or []
        try:
            ids = [int(pk) for pk in ids]
        except (TypeError, ValueError):
            return []
        pages = {page.pk: page for page in linkable_materials().filter(pk__in=ids)}
        return [pages[pk] for pk in ids if pk in pages]


class InviteForm(forms.Form):
    who = forms.CharField(
        label=_("Username or e-mail"),
        max_length=254,
        help_text=_(
            "A username adds them at once. An e-mail address gets an invitation they "
            "accept, with an account they have or make."
        ),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.EDITOR)


class MemberRoleForm(forms.ModelForm):
    class Meta:
        model = PlanMember
        fields = ["role"]


class TransferForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=PlanMember.objects.none(),
        label=_("New owner"),
        empty_label=None,
        help_text=_("You stay on the plan as an editor."),
    )

    def __init__(self, *args, plan: LessonPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = plan.members.select_related("user")
        self.fields["member"].label_from_instance = lambda member: member.user.shown_name


class VisibilityForm(forms.ModelForm):
    class Meta:
        model = LessonPlan
        fields = ["visibility"]
        widgets = {"visibility": forms.RadioSelect}


class CommentForm(TidyTextMixin, forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AddMaterialForm(forms.Form):
    """ "Add to a lesson plan" from a material page: a new plan, or a step in one of yours."""

    NEW = "new"
    EXISTING = "existing"

    target = forms.ChoiceField(
        label=_("Add it to"),
        choices=[(NEW, _("A new lesson plan")), (EXISTING, _("A plan I already have"))],
        widget=forms.RadioSelect,
        initial=NEW,
    )
    title = forms.CharField(
        label=_("Title of the new plan"), max_length=limits.TITLE, required=False
    )
    grade = GradeChoiceField(widget=GradeSelect)
    plan = forms.ModelChoiceField(
        queryset=LessonPlan.objects.none(),
        label=_("Plan"),
        required=False,
        empty_label=_("Choose a plan"),
    )

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == self.NEW and not cleaned.get("title"):
            self.add_error("title", _("Give the new plan a title."))
        if cleaned.get("target") == self.EXISTING and not cleaned.get("plan"):
            self.add_error("plan", _("Choose one of your plans."))
        return cleaned


VISIBILITY_HELP = {
    Visibility.PRIVATE: _(
        "Co-planners keep their place but cannot open the plan until you share it again."
    ),
    Visibility.SHARED: _("You and the co-planners you invite."),
    Visibility.TEMPLATE: _(
        "Co-planners as before; every other teacher can view it and copy it, but not change it."
    ),
}
