"""The shape of the code: one-way layers (import-linter), no import cycles, small modules."""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("config", "claims", "reviews")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that import each other in a circle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(group)
    return found


def _module_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph(*PACKAGES)
    modules = {m for m in graph.modules if not m.split(".")[-1].startswith("0")}  # migrations
    return {
        module: {
            imported
            for imported in graph.find_modules_directly_imported_by(module)
            if imported in modules
        }
        for module in modules
    }


def test_it_finds_a_cycle_when_there_is_one():
    assert _strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        {"a", "b", "c"}
    ]


def test_it_has_no_import_cycle_among_our_modules():
    assert _strongly_connected(_module_graph()) == []


def test_it_keeps_every_module_under_500_lines():
    long = {
        str(path.relative_to(ROOT)): count
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
        and (count := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert long == {}


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd)},
        timeout=300,
    )


@pytest.fixture(scope="module")
def scratch_tree(tmp_path_factory) -> Path:
    scratch = tmp_path_factory.mktemp("layers")
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, scratch / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / ".importlinter", scratch / ".importlinter")
    return scratch


def test_it_keeps_the_import_contracts(scratch_tree):
    result = _lint_imports(scratch_tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "backwards_import", "contract"),
    [
        ("claims/ingest.py", "import reviews.routing", "never imports reviews"),
        ("claims/extraction/money.py", "import django.db", "pure Python"),
        ("claims/models.py", "import claims.ingest", "Inside claims"),
        ("reviews/routing.py", "import reviews.desk.access", "Inside reviews"),
    ],
)
def test_it_fails_the_contracts_on_a_backwards_import(
    scratch_tree, tmp_path, module, backwards_import, contract
):
    tree = tmp_path / "tree"
    shutil.copytree(scratch_tree, tree)
    target = tree / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{backwards_import}  # noqa\n")

    result = _lint_imports(tree)

    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken
