"""Serving uploaded files only to people who may see a page that uses them.

Why: media used to be either served by anyone who knew a file name (development), or not at
all (production, where previews answered 404). A file is no more public than the pages that
show it: a draft's image, a private page's worksheet or the preview of a group-only handout
must not be one guessable URL away.

- `usage.py`: which pages use a document, an image (or one of its renditions) or a preview.
- `rules.py`: who may have a file — someone who may see a live page using it
  (library/models/visibility.py), or whoever may manage it (its uploader, an editor).
- `responses.py`: the bytes, streamed by Django (`FileResponse`) or, with
  `MEDIA_ACCEL_REDIRECT_PREFIX` set, handed to nginx with `X-Accel-Redirect`.
- `views.py`: `/media/<path>` (previews, images, renditions); documents keep Wagtail's own
  `/documents/<id>/<name>` view, which asks `hooks.py` first.
"""
