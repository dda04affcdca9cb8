"""The library is the lower app: its models import no view-level module, nothing in it
imports lessons or search, its templates name no URL of theirs, and its modules import
each other without a circle and without imports tucked inside functions to dodge one."""

import subprocess
import sys
from pathlib import Path

from tests.import_graph import ROOT, find_cycle, graph, imports_of, modules_under

LIBRARY_CORE = ("library.models", "library.filters", "library.listing", "library.links")


def test_loading_the_models_does_not_load_the_listing():
    script = (
        "import sys, django; django.setup(); import library.models; "
        "loaded = sorted(m for m in sys.modules if m in "
        "('library.listing', 'library.templatetags.section_listing', 'search.views')); "
        "print(loaded)"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script],
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": ""},
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_library_core_has_no_import_circle_and_no_function_level_imports():
    modules = modules_under(*LIBRARY_CORE, "library.templatetags", "library.blocks")
    assert find_cycle(graph(modules)) == []
    hidden = [
        f"{name} → {target}"
        for name in modules_under(*LIBRARY_CORE)
        for target, inside in imports_of(name, modules[name])
        if inside
    ]
    assert hidden == []


def test_model_modules_import_no_view_level_module():
    for name, path in modules_under("library.models").items():
        imported = {target for target, _inside in imports_of(name, path)}
        assert not {
            t for t in imported if t.startswith(("library.listing", "library.templatetags"))
        }, name
        assert not {t for t in imported if t.endswith(("views", "urls"))}, name


def test_nothing_in_the_library_imports_the_apps_above_it():
    upward = [
        f"{name} → {target}"
        for name, path in modules_under("library").items()
        for target, _inside in imports_of(name, path)
        if target.split(".")[0] in ("lessons", "search")
    ]
    assert upward == []


def test_library_templates_name_no_lessons_or_search_url():
    templates = Path(ROOT, "templates", "library")
    offending = [
        str(path.relative_to(ROOT))
        for path in templates.rglob("*.html")
        if "url 'lessons:" in path.read_text() or "url 'search:" in path.read_text()
    ]
    assert offending == []
