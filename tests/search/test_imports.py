"""search/ imports the library, never the reverse, and its own modules import each other
without a circle (counting imports inside functions and under TYPE_CHECKING)."""

from tests.import_graph import find_cycle, graph, imports_of, modules_under


def test_search_modules_import_each_other_without_a_circle():
    assert find_cycle(graph(modules_under("search"))) == []


def test_the_answers_cache_knows_nothing_of_searches():
    imported = {
        target
        for target, _inside in imports_of("search.cache", modules_under("search")["search.cache"])
    }
    assert not {name for name in imported if name.startswith("search")}


def test_the_cycle_finder_finds_a_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []
