"""The demo site behind `make run`: demo accounts, the demo library and a demo lesson plan.

An app of its own because it is the one place allowed to import every other app
(docs/architecture.md, import direction): it only loads data, through each app's own
services and the library's import command, and no app imports it. Leaving it out of
INSTALLED_APPS leaves a site with no `load_demo` and nothing else missing.
"""
