"""The library's layering: no import circle, graph.py at the bottom, widgets above the core.

The import graph is read from the source with `ast`, every `import` statement counted wherever
it stands (a "lazy" import inside a function is an edge like any other)."""

import ast
import graphlib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "deepslow"


def module_name(path):
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path):
    """The deepslow modules `path` imports, lazily or not."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "deepslow")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif node.module and node.module.split(".")[0] == "deepslow":
                target = node.module
            else:
                continue
            folder = PACKAGE.parent / target.replace(".", "/")
            for alias in node.names:  # `from . import steps` imports the module deepslow.steps
                is_module = (folder / f"{alias.name}.py").exists() or (folder / alias.name / "__init__.py").exists()
                found.add(f"{target}.{alias.name}" if is_module else target)
    return found - {name}


def import_graph():
    return {module_name(path): imports_of(path) for path in PACKAGE.rglob("*.py")}


def test_the_import_graph_is_read_lazy_imports_included(tmp_path):
    graph = import_graph()
    assert "deepslow.graph" in graph["deepslow.ops"]  # a top-level `from .graph import ...`
    assert "deepslow.drawing" in graph["deepslow.display"]  # a lazy import inside a function
    assert "deepslow.steps" in graph["deepslow.session"]  # `from . import steps`


def test_no_import_circle_among_deepslow_modules():
    """Every module of the package, subpackages and the package's own __init__ included."""
    try:
        graphlib.TopologicalSorter(import_graph()).prepare()
    except graphlib.CycleError as exc:
        pytest.fail(f"import circle: {' -> '.join(exc.args[1])}")


def test_a_circle_would_be_found():
    with pytest.raises(graphlib.CycleError):
        graphlib.TopologicalSorter({"a": {"b"}, "b": {"a"}}).prepare()


def test_graph_imports_nothing_of_deepslow_above_it():
    assert imports_of(PACKAGE / "graph.py") <= {"deepslow.errors", "deepslow.dtypes"}


def test_the_core_never_imports_the_widgets():
    users = sorted(name for name, deps in import_graph().items() if any(d.startswith("deepslow.widgets") for d in deps))
    assert users == []
