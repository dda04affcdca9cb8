"""Translations a helper branch adds live in `ja-<name>.po` at the repository root until
they are merged into locale/ja/ (see the README's "Translations"). So that the Japanese
tests check the catalogue as it will be once merged, this compiles those files into a
catalogue of their own, looked up before locale/ja/. Once merged (no such file), it does
nothing."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True, scope="session")
def branch_translations(tmp_path_factory):
    pending = sorted(ROOT.glob("ja-*.po"))
    if not pending:
        yield
        return
    folder = tmp_path_factory.mktemp("locale") / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    merged = folder / "django.po"
    msgcat, msgfmt = shutil.which("msgcat"), shutil.which("msgfmt")  # Debian's gettext
    assert msgcat, "gettext's msgcat is needed for the ja-*.po files"
    assert msgfmt, "gettext's msgfmt is needed for the ja-*.po files"
    # The repository's own files, no shell: nothing untrusted reaches the commands.
    subprocess.run([msgcat, "--use-first", "-o", str(merged), *map(str, pending)], check=True)  # noqa: S603
    subprocess.run([msgfmt, "-o", str(folder / "django.mo"), str(merged)], check=True)  # noqa: S603
    original = list(settings.LOCALE_PATHS)
    settings.LOCALE_PATHS = [str(folder.parent.parent), *original]
    trans_real._translations = {}
    trans_real._default = None
    yield
    settings.LOCALE_PATHS = original
    trans_real._translations = {}
    trans_real._default = None
