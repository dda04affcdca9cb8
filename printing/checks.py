"""System checks that catch a machine which would print tofu or print slowly.

Warnings, not errors: the rest of the site works without them, and `manage.py check
--deploy --fail-level WARNING` (CI) still refuses to ship such a machine.
"""

from django.core.checks import Error, Warning, register

from .fonts import (
    JAPANESE_GOTHIC,
    JAPANESE_MINCHO,
    font_family_installed,
    harfbuzz_subset_installed,
)


@register()
def check_print_fonts(app_configs=None, **kwargs) -> list[Warning]:
    problems = []
    for family in (JAPANESE_GOTHIC, JAPANESE_MINCHO):
        if not font_family_installed(family):
            problems.append(
                Warning(
                    f"The Japanese font {family} is not installed, so Japanese text in "
                    "PDFs would print as empty boxes.",
                    hint="Run `make install` (it installs Debian's fonts-ipaexfont), "
                    "or install the IPAex fonts and run `fc-cache -f`.",
                    id="printing.W001",
                )
            )
    if not harfbuzz_subset_installed():
        problems.append(
            Warning(
                "HarfBuzz's subset library is missing: Japanese PDFs would take seconds "
                "to render instead of milliseconds.",
                hint="Run `make install` (it installs Debian's libharfbuzz-subset0).",
                id="printing.W002",
            )
        )
    return problems


@register()
def check_client_address(app_configs=None, **kwargs) -> list[Error]:
    """The function the print limit asks for a visitor's address must exist (it lives in
    another app, named by a setting, so a rename there would otherwise fail at print time)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    path = getattr(settings, "KYOZAI_CLIENT_ADDRESS", "")
    if not path:
        return []
    try:
        import_string(path)
    except ImportError as error:
        return [
            Error(
                f"KYOZAI_CLIENT_ADDRESS names {path!r}, which cannot be imported: {error}",
                hint="Point it at the function that returns a request's client address.",
                id="printing.E001",
            )
        ]
    return []
