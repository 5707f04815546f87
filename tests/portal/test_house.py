"""The house rules of the code (DESIGN.md, "Floors"), read from the source itself.

Imports point down the floors only, no two modules import each other (not even inside a
function), models never import the policy, and no module grows past 400 lines.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("members", "pages", "news", "governance", "partnerships", "bulletins", "oec_portal")
GROUND_FLOOR = {"members"}

# What each app may import besides itself and the ground floor.
MAY_ALSO_IMPORT = {
    "members": set(),
    "pages": set(),
    "news": set(),
    "governance": set(),
    "partnerships": {"governance.selectors"},
    "bulletins": {"news.selectors", "governance.selectors", "partnerships.selectors"},
}
LONGEST_MODULE = 400


def project_modules():
    """{dotted name: path} of every app module, migrations aside."""
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            modules[".".join(parts)] = path
    return modules


MODULES = project_modules()


def imported_modules(name, path):
    """The project modules `name` imports anywhere in its body, functions included."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            candidates = [f"{target}.{alias.name}" for alias in node.names] + [target]
        elif isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        else:
            continue
        for candidate in candidates:
            # "from app import views" imports app.views; "from app.views import f", app.views.
            module = candidate if candidate in MODULES else candidate.rpartition(".")[0]
            if module in MODULES and module != name:
                found.add(module)
                break
    return found


IMPORTS = {name: imported_modules(name, path) for name, path in MODULES.items()}


def app_of(module):
    return module.partition(".")[0]


def allowed(importer, imported):
    app, other = app_of(importer), app_of(imported)
    if app == other or other in GROUND_FLOOR or app == "oec_portal":
        return True
    return any(imported == m or imported.startswith(m + ".") for m in MAY_ALSO_IMPORT[app])


def test_imports_point_down_the_floors_only():
    upward = sorted(
        f"{importer} -> {imported}"
        for importer, imported_set in IMPORTS.items()
        for imported in imported_set
        if not allowed(importer, imported)
    )
    assert upward == []


def strongly_connected_groups(graph):
    """Tarjan's algorithm: the groups of modules that import each other, directly or not."""
    index, lowest, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(module):
        index[module] = lowest[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph[module]:
            if imported not in index:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in on_stack:
                lowest[module] = min(lowest[module], index[imported])
        if lowest[module] == index[module]:
            group = set()
            while module not in group:
                group.add(stack.pop())
            on_stack.difference_update(group)
            if len(group) > 1:
                groups.append(sorted(group))

    for module in graph:
        if module not in index:
            visit(module)
    return groups


def test_no_two_modules_import_each_other():
    assert strongly_connected_groups(IMPORTS) == []


def test_the_circle_finder_finds_a_circle():
    graph = {"a.models": {"a.permissions"}, "a.permissions": {"a.models"}, "a.views": {"a.models"}}

    assert strongly_connected_groups(graph) == [["a.models", "a.permissions"]]


@pytest.mark.parametrize("app", [app for app in APPS if app != "oec_portal"])
def test_models_do_not_import_the_policy(app):
    models = [name for name in MODULES if name.startswith(f"{app}.models")]
    policy_imports = sorted(
        f"{name} -> {imported}"
        for name in models
        for imported in IMPORTS[name]
        if imported.rpartition(".")[2] == "permissions"
    )
    assert models
    assert policy_imports == []


def test_no_module_is_longer_than_400_lines():
    too_long = sorted(
        f"{path.relative_to(ROOT)}: {lines}"
        for path in MODULES.values()
        if (lines := len(path.read_text().splitlines())) > LONGEST_MODULE
    )
    assert too_long == []
