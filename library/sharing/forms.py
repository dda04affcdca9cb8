"""The share form: what a teacher fills in to send a material to the editors.

Plain text a teacher understands ("one step per line") rather than the admin's block
editor; library/sharing/body.py turns it into the page's body blocks. Every file passes
`check_upload`, and a refused file is named in the error with the reason.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from library.models import ActivityType, Grade, Licence, Skill, TextbookUnit
from library.models.pages import MAX_DURATION_MINUTES
from library.uploads import ACCEPT_ATTRIBUTE, check_upload, max_upload_bytes

MAX_FILES = 5
MAX_TAGS = 15
MAX_TAG_LENGTH = 100
# Commas as typed on an English or a Japanese keyboard.
TAG_SEPARATORS = (",", "、", "\uff0c")  # the last is the full-width comma

LICENCE_EXPLAINED = {
    Licence.CC_BY: _("CC BY 4.0: anyone may use and adapt it, crediting you."),
    Licence.CC_BY_SA: _(
        "CC BY-SA 4.0: anyone may use and adapt it, crediting you and sharing alike."
    ),
    Licence.CC_BY_NC: _("CC BY-NC 4.0: use and adapt, crediting you, but not for money."),
    Licence.CC_BY_NC_SA: _(
        "CC BY-NC-SA 4.0: use and adapt, crediting you, not for money, sharing alike."
    ),
    Licence.CC0: _("CC0 1.0: no conditions at all (public domain)."),
}


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input, each checked by the library's upload check.

    Every refused file is reported (not just the first), so a teacher fixes them all at once.
    """

    widget = MultipleFileInput

    def __init__(self, *args, max_files: int = MAX_FILES, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("allow_empty_file", True)  # check_upload names the empty file
        super().__init__(*args, **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": ACCEPT_ATTRIBUTE}

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(
                ngettext(
                    "You can attach up to %(max)d file; you chose %(count)d.",
                    "You can attach up to %(max)d files; you chose %(count)d.",
                    self.max_files,
                )
                % {"max": self.max_files, "count": len(files)},
                code="too_many_files",
            )
        errors: list[ValidationError] = []
        for uploaded in files:
            try:
                check_upload(uploaded)
                super().clean(uploaded, initial)
            except ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise ValidationError(errors)
        return files


class ShownNameChoiceField(forms.ModelMultipleChoiceField):
    """Taxonomy checkboxes in the reader's language (小5 for a Japanese reader)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.shown_name


class TextbookUnitField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        text = f"{obj.series.name} · {obj.grade.shown_name} · {obj.label}"
        title = obj.shown_title()
        return f"{text}: {title}" if title else text


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def parse_tags(text: str) -> list[str]:
    """Comma-separated tags, trimmed, without repeats (case-insensitive), in typed order."""
    for separator in TAG_SEPARATORS[1:]:
        text = text.replace(separator, TAG_SEPARATORS[0])
    tags: list[str] = []
    seen: set[str] = set()
    for part in text.split(TAG_SEPARATORS[0]):
        tag = " ".join(part.replace('"', "").split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


class ShareMaterialForm(forms.Form):
    # Labels of required fields get this class: the template marks them with an asterisk
    # (the inputs carry `required` for screen readers).
    required_css_class = "required"

    title = forms.CharField(
        label=_("Title (English)"),
        max_length=255,
        help_text=_("What teachers will search for, e.g. “Weather bingo”."),
    )
    title_ja = forms.CharField(
        label=_("Title (Japanese)"),
        max_length=255,
        required=False,
        help_text=_("Optional. Helps JTEs find it, e.g. 「天気ビンゴ」."),
        widget=forms.TextInput(attrs={"lang": "ja"}),
    )
    summary = forms.CharField(
        label=_("Summary (English)"),
        max_length=600,
        widget=_textarea(3),
        help_text=_("Two or three sentences: what students do and why it works."),
    )
    summary_ja = forms.CharField(
        label=_("Summary (Japanese)"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "ja"}),
    )

    steps = forms.CharField(
        label=_("Steps"),
        max_length=6000,
        widget=_textarea(7),
        help_text=_("One step per line. Say who does what, e.g. “ALT models the question.”"),
    )
    materials_needed = forms.CharField(
        label=_("Materials needed"),
        max_length=3000,
        required=False,
        widget=_textarea(4),
        help_text=_("One item per line, e.g. “Bingo sheet (1 per student)”."),
    )
    variations = forms.CharField(
        label=_("Variations"),
        max_length=3000,
        required=False,
        widget=_textarea(4),
        help_text=_("One per line: easier, harder, or for a bigger class."),
    )
    jte_tip = forms.CharField(
        label=_("Tip for the JTE / HRT"), max_length=1500, required=False, widget=_textarea(3)
    )
    alt_tip = forms.CharField(
        label=_("Tip for the ALT"), max_length=1500, required=False, widget=_textarea(3)
    )

    grades = ShownNameChoiceField(
        label=_("Grades"),
        queryset=Grade.objects.all(),
        error_messages={"required": _("Choose at least one grade.")},
    )
    skills = ShownNameChoiceField(
        label=_("Skill areas"), queryset=Skill.objects.all(), required=False
    )
    activity_types = ShownNameChoiceField(
        label=_("Activity types"), queryset=ActivityType.objects.all(), required=False
    )
    textbook_unit = TextbookUnitField(
        label=_("Textbook unit"),
        queryset=TextbookUnit.objects.select_related("series", "grade"),
        required=False,
        empty_label=_("Not tied to a unit"),
    )
    duration_minutes = forms.IntegerField(
        label=_("Minutes in class"),
        min_value=1,
        max_value=MAX_DURATION_MINUTES,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    tags = forms.CharField(
        label=_("Tags"),
        max_length=400,
        required=False,
        help_text=_("Separated by commas, e.g. weather, bingo, 天気."),
    )
    licence = forms.ChoiceField(
        label=_("Licence"),
        choices=[(value, LICENCE_EXPLAINED[value]) for value in Licence.values],
        initial=Licence.CC_BY,
        widget=forms.RadioSelect,
    )
    author_credit = forms.CharField(
        label=_("Credit as"),
        max_length=150,
        required=False,
        help_text=_("Your name as you wish it printed with the material."),
    )
    files = MultipleFileField(
        label=_("Choose files"),
        required=False,
        help_text=_(
            "Up to %(max)d files: PDF, Word, PowerPoint, Excel, PNG, JPG, GIF, MP3 or M4A, "
            "each up to %(size)d MB."
        ),
    )
    confirm_rights = forms.BooleanField(
        label=_(
            "I made this material or may share it under the licence above, and it shows no "
            "student's name, face or other personal details."
        ),
        error_messages={"required": _("Please confirm you may share this material.")},
    )

    def __init__(self, *args, user=None, attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = self.fields["files"].help_text % {
            "max": MAX_FILES,
            "size": max_upload_bytes() // (1024 * 1024),
        }
        if user is not None and not self.initial.get("author_credit"):
            self.fields["author_credit"].initial = user.shown_name
        # When editing: the files already attached, which the teacher may remove.
        self.attachments = list(attachments)
        if self.attachments:
            self.fields["remove_files"] = forms.TypedMultipleChoiceField(
                label=_("Files already attached: tick any to remove"),
                choices=[(item.pk, item.shown_title) for item in self.attachments],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def clean_tags(self) -> list[str]:
        tags = parse_tags(self.cleaned_data.get("tags") or "")
        if len(tags) > MAX_TAGS:
            raise ValidationError(
                _("Please use at most %(max)d tags.") % {"max": MAX_TAGS}, code="too_many_tags"
            )
        too_long = [tag for tag in tags if len(tag) > MAX_TAG_LENGTH]
        if too_long:
            raise ValidationError(
                _("Each tag must be at most %(max)d characters.") % {"max": MAX_TAG_LENGTH},
                code="tag_too_long",
            )
        return tags

    def clean(self):
        cleaned = super().clean()
        kept = len(self.attachments) - len(cleaned.get("remove_files") or [])
        added = len(cleaned.get("files") or [])
        if self.attachments and kept + added > MAX_FILES:
            self.add_error(
                "files",
                _("A material can have at most %(max)d files; remove some first.")
                % {"max": MAX_FILES},
            )
        return cleaned

    def error_summary(self) -> list[tuple[str, str]]:
        """(field name, short label) for each field with an error, for the list of links
        at the top of the form."""
        short = {"confirm_rights": _("Permission to share")}
        return [
            (name, short.get(name, self.fields[name].label))
            for name in self.fields
            if name in self.errors
        ]

    @property
    def files_need_choosing_again(self) -> bool:
        """After a failed submit the browser forgets chosen files: say so."""
        return self.is_bound and bool(self.files.getlist("files")) and not self.is_valid()
