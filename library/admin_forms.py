"""Base forms for Wagtail's document and image uploads that run Kyozai's upload check.

Wired in through WAGTAILDOCS_DOCUMENT_FORM_BASE and WAGTAILIMAGES_IMAGE_FORM_BASE, so the
single upload page, the multiple uploader, the chooser's upload tab and "replace file" on
the edit page all refuse what `library.uploads.check_upload` refuses, with its message.

The check runs inside the file field, before Wagtail's own parsing: an SVG or an HTML page
renamed `.png` gets Kyozai's explanation rather than a generic "not a valid image".
"""

from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from library.uploads import check_upload

DOCUMENT_KINDS = ("document", "audio")
IMAGE_KINDS = ("image",)


class CheckedDocumentField(WagtailDocumentField):
    def to_python(self, data):
        if data not in self.empty_values:
            check_upload(data, allowed_kinds=DOCUMENT_KINDS)
        return super().to_python(data)


class CheckedImageField(WagtailImageField):
    def to_python(self, data):
        if data not in self.empty_values:
            check_upload(data, allowed_kinds=IMAGE_KINDS)
        return super().to_python(data)


def _checked(field, checked_class):
    """The same field, as its checking subclass (the widget and its attributes kept)."""
    if isinstance(field, checked_class):
        return field
    checked = checked_class(
        label=field.label,
        required=field.required,
        widget=field.widget,
        max_length=field.max_length,
    )
    checked.widget.attrs.update(field.widget.attrs)
    return checked


class KyozaiDocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The multiple uploader's edit form has no file field; only the upload does.
        if "file" in self.fields:
            self.fields["file"] = _checked(self.fields["file"], CheckedDocumentField)

    def _post_clean(self):
        # Wagtail's Document.clean() checks the extension of whatever file the instance
        # holds; after a refused upload that is no file at all, and it would add a second,
        # confusing "File extension “” is not allowed". The refusal already says why.
        refused = len(self._errors["file"]) if self.has_error("file") else None
        super()._post_clean()
        if refused is not None:
            del self._errors["file"][refused:]


class KyozaiImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"] = _checked(self.fields["file"], CheckedImageField)
