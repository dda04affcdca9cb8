"""Reading our modules' imports without running them, to check the layering: which
modules import which (at the top, inside functions, under TYPE_CHECKING alike), and
whether any of them import each other in a circle."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules_under(*packages: str) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in packages:
        target = ROOT / package.replace(".", "/")
        paths = [target.with_suffix(".py")] if target.with_suffix(".py").exists() else []
        paths += sorted(target.rglob("*.py")) if target.is_dir() else []
        for path in paths:
            if "migrations" not in path.parts:
                found[module_name(path)] = path
    return found


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str, path: Path) -> list[tuple[str, bool]]:
    """(imported module, whether the import is inside a function) for every import."""
    tree = ast.parse(path.read_text())
    is_package = path.name == "__init__.py"
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, inside) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                target = _absolute(module, child, is_package)
                found.append((target, inside))
                # `from package import module` imports the submodule too.
                found.extend((f"{target}.{alias.name}", inside) for alias in child.names)
            visit(child, inside)

    visit(tree, False)
    return found


def _is_ancestor(package: str, module: str) -> bool:
    return module.startswith(package + ".")


def graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """module → the modules among `modules` it imports. `from . import sibling` names the
    module's own package, which Python has always loaded first: not counted."""
    return {
        name: {
            target
            for target, _inside in imports_of(name, path)
            if target in modules and target != name and not _is_ancestor(target, name)
        }
        for name, path in modules.items()
    }


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import circle (a list of modules, the first repeated at the end), or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (cycle := walk(target)):
                return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(edges):
        if node not in state and (cycle := walk(node)):
            return cycle
    return []
