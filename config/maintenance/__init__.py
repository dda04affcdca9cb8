"""Operator's chores as management commands: `manage.py backup` and `manage.py restore`.

An app only so that Django finds its commands; it has no models, URLs or templates, and
sits under config/ (like the page cache) because it serves the whole site, not one app.
"""
