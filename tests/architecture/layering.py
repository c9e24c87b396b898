"""The declared layers of the project and an AST walk that checks the code against them.

Used by ``tests/architecture/test_layers.py``, ``test_docs_map.py`` and
``scripts/layer_report.py``. Pure standard library, no Django: it reads source files.

Layers, bottom to top (docs/architecture.md, "Rooms and arrows"):

    exchange (core, accounts, taxonomy, notifications, home)
      < specialists < practices < forum < coordination

An app may import its own layer and every layer below it. Beside them:

- ``search`` imports only ``exchange``; any app may import ``search`` (the apps
  register their search documents with it), except ``exchange``, which lies below.
- ``demo`` may import anything; nothing imports ``demo``.

The composition root (``exchange/urls.py``, ``exchange/api.py``,
``exchange/settings/``) wires every app together and may import any of them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Bottom to top. ``exchange`` counts as one layer for its five sub-apps.
LAYERS = ["exchange", "specialists", "practices", "forum", "coordination"]
BESIDE = ["search", "demo"]
APPS = LAYERS + BESIDE

# Files that wire the apps together: allowed to import any app.
COMPOSITION_ROOT = ("exchange/urls.py", "exchange/api.py", "exchange/settings/")

# Django app labels (``apps.get_model("label", ...)``) to their package.
APP_LABELS = {
    "core": "exchange",
    "accounts": "exchange",
    "taxonomy": "exchange",
    "notifications": "exchange",
    "home": "exchange",
    "specialists": "specialists",
    "practices": "practices",
    "forum": "forum",
    "coordination": "coordination",
    "search": "search",
    "demo": "demo",
}

RULE_LAYERS = (
    "an app imports only its own layer and the layers below it "
    "(exchange < specialists < practices < forum < coordination)"
)
RULE_SEARCH = "search imports only exchange"
RULE_SEARCH_ABOVE = "exchange lies below search and may not import it"
RULE_DEMO = "nothing imports demo"


@dataclass(frozen=True)
class Import:
    path: str  # file, relative to the root, with forward slashes
    line: int
    source: str  # importing app
    target: str  # imported app
    module: str  # what was imported (dotted), or "label:Model" for get_model
    kind: str  # "import", "import_module", "import_string", "get_model"
    in_function: bool


@dataclass(frozen=True)
class Violation:
    imp: Import
    rule: str

    def __str__(self) -> str:
        i = self.imp
        return (
            f"{i.path}:{i.line}: {i.source} imports {i.module} ({i.target}): "
            f"{self.rule}"
        )


def app_of_module(module: str) -> str | None:
    head = module.split(".", 1)[0]
    return head if head in APPS else None


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _resolve_relative(current: str, is_package: bool, level: int, module: str | None):
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def _string_arg(call: ast.Call, index: int = 0) -> str | None:
    if len(call.args) > index:
        arg = call.args[index]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value
    return None


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


class _Walker(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool):
        self.module = module
        self.is_package = is_package
        self.depth = 0
        self.found: list[tuple[int, str, str, bool]] = []  # line, target module, kind

    def _function(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function
    visit_Lambda = _function

    def _add(self, node, target: str, kind: str):
        self.found.append((node.lineno, target, kind, self.depth > 0))

    def visit_Import(self, node: ast.Import):
        for alias in node.names:
            self._add(node, alias.name, "import")

    def visit_ImportFrom(self, node: ast.ImportFrom):
        if node.level:
            base = _resolve_relative(
                self.module, self.is_package, node.level, node.module
            )
        else:
            base = node.module or ""
        self._add(node, base, "import")

    def visit_Call(self, node: ast.Call):
        name = _call_name(node)
        if name == "import_module":
            target = _string_arg(node)
            if target and not target.startswith("."):
                self._add(node, target, "import_module")
        elif name == "import_string":
            target = _string_arg(node)
            if target:
                self._add(node, target, "import_string")
        elif name == "get_model":
            first = _string_arg(node)
            second = _string_arg(node, 1)
            if first:
                label = first.split(".", 1)[0] if second is None else first
                model = first.split(".", 1)[-1] if second is None else second
                if label in APP_LABELS:
                    self._add(node, f"{label}:{model}", "get_model")
        self.generic_visit(node)


def imports_in_source(
    source: str, path: str, module: str, is_package: bool = False
) -> list[Import]:
    """Every import between project apps found in one file's source."""
    src_app = app_of_module(module)
    if src_app is None:
        return []
    walker = _Walker(module, is_package)
    walker.visit(ast.parse(source, filename=path))
    found = []
    for line, target, kind, in_function in walker.found:
        if kind == "get_model":
            dst_app = APP_LABELS[target.split(":", 1)[0]]
        else:
            dst_app = app_of_module(target)
        if dst_app is None:
            continue
        found.append(Import(path, line, src_app, dst_app, target, kind, in_function))
    return found


def project_files(root: Path = ROOT):
    for app in APPS:
        folder = root / app
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.py")):
            if any(part in {"node_modules", "__pycache__"} for part in path.parts):
                continue
            yield path


def all_imports(root: Path = ROOT) -> list[Import]:
    found: list[Import] = []
    for path in project_files(root):
        rel = path.relative_to(root).as_posix()
        found += imports_in_source(
            path.read_text(encoding="utf-8"),
            rel,
            module_name(path, root),
            is_package=path.name == "__init__.py",
        )
    return found


def is_composition_root(path: str) -> bool:
    return any(
        path == root or (root.endswith("/") and path.startswith(root))
        for root in COMPOSITION_ROOT
    )


def rule_broken(imp: Import) -> str | None:
    """The rule an import breaks, or None when it follows the layering."""
    src, dst = imp.source, imp.target
    if src == dst or is_composition_root(imp.path):
        return None
    if dst == "demo":
        return None if src == "demo" else RULE_DEMO
    if src == "demo":
        return None
    if src == "search":
        return None if dst == "exchange" else RULE_SEARCH
    if dst == "search":
        return RULE_SEARCH_ABOVE if src == "exchange" else None
    if LAYERS.index(src) < LAYERS.index(dst):
        return RULE_LAYERS
    return None


def violations(imports: list[Import]) -> list[Violation]:
    return [
        Violation(imp, rule)
        for imp in imports
        if (rule := rule_broken(imp)) is not None
    ]


def arrows(imports: list[Import]) -> list[str]:
    """The app-to-app arrows of the code, one ``a -> b`` per pair, sorted.

    The composition root is left out: it wires everything by design."""
    pairs = {
        (i.source, i.target)
        for i in imports
        if i.source != i.target and not is_composition_root(i.path)
    }
    return [f"{a} -> {b}" for a, b in sorted(pairs)]


def guarded_app_imports(source: str, path: str) -> list[int]:
    """Lines of ``try: <import of a project app> except ImportError``."""
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if not isinstance(node, ast.Try):
            continue
        catches = [
            h
            for h in node.handlers
            if h.type is not None
            and any(
                isinstance(n, ast.Name)
                and n.id in {"ImportError", "ModuleNotFoundError"}
                for n in ast.walk(h.type)
            )
        ]
        if not catches:
            continue
        for statement in node.body:
            for inner in ast.walk(statement):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    names = (
                        [inner.module or ""]
                        if isinstance(inner, ast.ImportFrom)
                        else [a.name for a in inner.names]
                    )
                    if inner.__class__ is ast.ImportFrom and inner.level:
                        continue  # the app's own module
                    if any(app_of_module(name) for name in names):
                        found.append(inner.lineno)
    return found


# --- Views ------------------------------------------------------------------------

VIEW_MAX_LINES = 40


def view_files(root: Path = ROOT):
    for path in project_files(root):
        if path.name == "views.py" or path.name.endswith("_views.py"):
            yield path


def function_lengths(source: str, path: str) -> list[tuple[str, int, str, int]]:
    """(file, line, name, lines) for every function and method in ``source``.

    Lines run from the ``def`` (decorators not counted) to the last line of the
    body, docstring included."""
    found = []
    for node in ast.walk(ast.parse(source, filename=path)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = node.end_lineno - node.lineno + 1
            found.append((path, node.lineno, node.name, length))
    return found


def view_lengths(root: Path = ROOT) -> list[tuple[str, int, str, int]]:
    """Every function and method of the view files, measured."""
    found = []
    for path in view_files(root):
        rel = path.relative_to(root).as_posix()
        found += function_lengths(path.read_text(encoding="utf-8"), rel)
    return found


# --- Demo code inside the product apps -------------------------------------------


def demo_lines_in_product(root: Path = ROOT) -> int:
    """Lines of demo and benchmark generators (and their data files) still living
    in the product apps, outside ``demo/``."""
    names = {"demo.py", "bulk.py", "synthetic.py", "seed_demo.py", "demo_totp.py"}
    total = 0
    for app in APPS:
        if app == "demo" or not (root / app).is_dir():
            continue
        for path in (root / app).rglob("*"):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if path.name in names or "demo_data" in path.parts:
                total += len(path.read_text(encoding="utf-8").splitlines())
    return total
