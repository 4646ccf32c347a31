"""The Sphinx glue's imports: no cycle, and each stage imports only the stages before it.

Every import counts -- at module level, inside functions and under
``TYPE_CHECKING`` -- because a cycle through any of them is what made the
index be computed lazily from several places before.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "checker.sphinxext"
ROOT = Path(__file__).resolve().parent.parent / "checker" / "sphinxext"

#: the flow, in order; a module may import its own stage and the ones before
STAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundations", ("nodes", "records", "rules", "locate", "providers", "config")),
    ("collect", ("collect",)),
    ("merge", ("domain",)),
    ("check", ("check",)),
    ("index", ("index",)),
    ("render", ("render",)),
    ("write", ("builder",)),
    ("setup", ("",)),  # the package's __init__: the wiring
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """Every module of the package that ``path`` imports, wherever the import is."""
    name = module_name(path)
    package = name if is_package(path) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
            prefix = ".".join(base) if node.level else ""
            module = ".".join(p for p in (prefix, node.module or "") if p)
            targets = [module, *(f"{module}.{alias.name}" for alias in node.names)]
        for target in targets:
            # ``from . import nodes`` names a module; ``from .x import f`` names x.
            # The packages around a module are initialised before it anyway: an
            # import that names one only to reach a sibling is not an edge.
            if target in known and target != name and not name.startswith(target + "."):
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = sorted(ROOT.rglob("*.py"))
    known = {module_name(p) for p in paths}
    return {module_name(p): imported_modules(p, known) for p in paths}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path ``a -> b -> ... -> a``, or None."""
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def stage_of(module: str) -> int:
    rest = module.removeprefix(PACKAGE).lstrip(".")
    head = rest.split(".", 1)[0]
    for rank, (_, heads) in enumerate(STAGES):
        if head in heads:
            return rank
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES")


def test_the_walker_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The walker is itself checked, so the real tests below cannot pass by seeing nothing."""
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    edges = import_graph()
    assert f"{PACKAGE}.collect.collector" in edges[f"{PACKAGE}.domain"]
    assert f"{PACKAGE}.records" in edges[f"{PACKAGE}.index"]  # a TYPE_CHECKING import
    assert f"{PACKAGE}.nodes" in edges[f"{PACKAGE}.collect.roles"]  # ``from .. import nodes``


def test_no_import_cycle_in_the_sphinx_glue() -> None:
    graph = import_graph()
    assert len(graph) >= 20
    cycle = find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


@pytest.mark.parametrize("stage", [name for name, _ in STAGES])
def test_each_stage_imports_only_earlier_stages(stage: str) -> None:
    graph = import_graph()
    rank = [name for name, _ in STAGES].index(stage)
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if stage_of(module) == rank
        for target in targets
        if stage_of(target) > rank
    )
    assert upward == []
