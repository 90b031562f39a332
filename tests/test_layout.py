"""The package's shape: a folder per stage, no import cycle, small modules and functions.

Every import counts, including those inside functions and under ``TYPE_CHECKING``:
two modules that import each other in any way mean a piece belongs in a third.
"""

from __future__ import annotations

import ast
from pathlib import Path

from support import REPO

PACKAGE = REPO / "summarizer"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
STAGES = {"parse", "select", "models", "translate", "summarize", "output", "batch", "web", "cli"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(importer: str, node: ast.ImportFrom) -> list[str]:
    """The package modules an ``from … import …`` statement loads."""
    if node.level:
        package = importer if MODULES[importer].name == "__init__.py" else importer.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    if not base.startswith("summarizer"):
        return []
    found = [base] if base in MODULES else []
    found += [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
    return found


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                edges.update(_resolve(name, node))
            elif isinstance(node, ast.Import):
                edges.update(a.name for a in node.names if a.name in MODULES)
        graph[name] = edges - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_checker_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    assert find_cycle(import_graph()) is None


def test_the_document_model_is_a_leaf():
    assert import_graph()["summarizer.document"] == set()


def test_modules_are_small():
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_functions_are_short():
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {length} lines")
    assert long == []


def test_a_folder_per_stage():
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert STAGES <= folders
    root_modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert not any(stem.startswith(tuple(f"{stage}_" for stage in STAGES)) for stem in root_modules)


LOWER = {"parse", "select", "models", "translate"}
UPPER = {"summarize", "output", "batch", "web", "cli"}


def test_lower_stages_never_import_upper_ones():
    """Reading, selection, models and translation are used by the brief, the batch, the web app
    and the CLI, never the other way round."""
    wrong = sorted(f"{name} → {dep}" for name, deps in import_graph().items()
                   if name == "summarizer.document" or name.split(".")[1:2] and name.split(".")[1] in LOWER
                   for dep in deps if dep.split(".")[1:2] and dep.split(".")[1] in UPPER)
    assert wrong == []


def _settings_readers(tree: ast.AST, outside: str) -> list[str]:
    """Names imported from ``summarizer.settings`` (or ``os.environ`` used) anywhere in ``tree``
    except inside functions named ``outside``."""
    found: list[str] = []

    def walk(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == outside:
            return
        if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("settings"):
            found.extend(alias.name for alias in node.names)
        if isinstance(node, ast.Attribute) and node.attr in {"environ", "getenv"}:
            found.append(f"os.{node.attr}")
        for child in ast.iter_child_nodes(node):
            walk(child)

    walk(tree)
    return found


def test_models_read_no_environment_but_through_the_provider():
    """`Models.from_settings` is the one place the models stage reads the environment: every
    other function takes its folders, backend and threads from the `Models` it is given."""
    wording = {"option", "format_megabytes"}  # how the reader's interface spells an option: no setting
    read = {name: readers for name, path in MODULES.items() if name.startswith("summarizer.models")
            if (readers := [r for r in _settings_readers(ast.parse(path.read_text(encoding="utf-8")), "from_settings")
                            if r not in wording])}
    assert read == {}
