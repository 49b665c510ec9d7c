"""The apps' layers (docs/decisions.md, "App layers and registries"): every import between apps goes downward.

The check reads the source (ast, migrations excluded) rather than importing it, so that an import hidden in a
function counts as much as one at the top of a module. It fails on:

- a cycle between apps;
- an import from an app to one in its own layer or a higher one (`LAYERS`, lowest first);
- a function-local import, except in `AppConfig.ready()` (apps.py is imported before Django's app registry is
  ready: `ready()` is the first moment models may be imported) and in the modules of `LOCAL_IMPORTS_ALLOWED`, each
  with its reason. An entry whose module no longer has a local import fails too, so the list only shrinks.

An app that plugs into a lower one (home page sections, profile sections, map layers, moderation desk sections,
profile private fields, field displays of the change view, personal data) registers itself from its `ready()`.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Lowest first. Apps in one layer do not import each other.
LAYERS = [
    ["core"],
    ["accounts", "search"],
    ["directory"],
    ["governance"],
    ["agenda", "discussions", "sharing", "toolbox"],
    ["commons", "ecosystem", "alerts"],
]

# Where each app's package lives, relative to the repository.
APP_PACKAGES = {
    "core": "incommon_cms.core",
    "accounts": "incommon_cms.accounts",
    "search": "incommon_cms.search",
    "directory": "incommon_cms.directory",
    "governance": "incommon_cms.governance",
    "agenda": "agenda",
    "discussions": "incommon_cms.discussions",
    "sharing": "incommon_cms.sharing",
    "toolbox": "toolbox",
    "commons": "incommon_cms.commons",
    "ecosystem": "incommon_cms.ecosystem",
    "alerts": "incommon_cms.alerts",
}

# (app, app it imports against the order) -> why, until it is gone. An entry no longer needed fails.
UPWARD_EDGES_ALLOWED = {}

# Module (path) -> why its function-local imports stay. Forced by Django, Wagtail or an optional driver first; then
# cycles inside one app that a later pass removes (page models whose context is built by modules importing them);
# then modules other work in progress is changing, whose imports follow.
LOCAL_IMPORTS_ALLOWED = {
    "incommon_cms/governance/finish.py": "Wagtail imports it (WAGTAIL_FINISH_WORKFLOW_ACTION) while wagtail.models loads",
    "incommon_cms/search/backends/database.py": "modelsearch's PostgreSQL module needs the app registry; settings "
    "import this backend before it is ready",
    "incommon_cms/commons/parsers/sql.py": "database drivers (pymysql, psycopg) imported only for a source of that kind",
    "incommon_cms/directory/geocoding.py": "geopy only when online geocoding is on; Postcode: the page model's save() "
    "calls this module (cycle within the app)",
    "incommon_cms/discussions/models.py": "the index page's context and topic form come from modules importing the model",
    "toolbox/models.py": "the documents' text for the search index comes from toolbox.documents, which caches it in "
    "DocumentText and refreshes the pages using a document",
    "incommon_cms/ecosystem/models.py": "the dashboard page's CSV route answers from ecosystem.dashboard, which "
    "imports the models",
    "incommon_cms/governance/models.py": "the co-governance task's Wagtail methods call moderation and forms, which "
    "import the models",
    "incommon_cms/commons/models.py": "owned by cal, follows (ImportSource.clean and parsers import each other)",
    "incommon_cms/commons/parsers/__init__.py": "ImportSource.clean calls the parsers, which read ImportSource",
    "incommon_cms/ecosystem/figures.py": "the dashboard treats the agenda and the commons as optional (ImportError "
    "and apps.get_model guards)",
    "agenda/forms.py": "agenda.models imports its EventPageForm; the forms read the models once they are loaded",
}


def _module_name(path, root):
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(path, module):
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _imported_modules(node, package):
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    module = node.module or ""
    if node.level:
        base = package.split(".")
        module = ".".join(base[: len(base) - node.level + 1] + ([module] if module else []))
    # `from incommon_cms import governance` imports the package `incommon_cms.governance`.
    return [f"{module}.{alias.name}" for alias in node.names]


class _ImportVisitor(ast.NodeVisitor):
    """Every import of a module, with the function it sits in (None at module or class level)."""

    def __init__(self):
        self.imports = []
        self._functions = []
        self._classes = []

    def visit_ClassDef(self, node):
        self._classes.append(node.name)
        self.generic_visit(node)
        self._classes.pop()

    def _visit_function(self, node):
        self._functions.append(node.name)
        self.generic_visit(node)
        self._functions.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = _visit_function

    def _visit_import(self, node):
        function = ".".join(self._classes[-1:] + self._functions) if self._functions else None
        self.imports.append((node, function))

    visit_Import = visit_ImportFrom = _visit_import


def scan(root, packages):
    """(edges, local imports) of the apps whose packages (`{app: dotted package}`) are under `root`.

    `edges` maps an app to {other app: [(file, line)]}; local imports are (file, line, function, module).
    """

    def app_of(module):
        for app, package in packages.items():
            if module == package or module.startswith(package + "."):
                return app
        return None

    edges = defaultdict(lambda: defaultdict(list))
    local = []
    for app, package in packages.items():
        for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            relative = str(path.relative_to(root))
            module = _module_name(path, root)
            visitor = _ImportVisitor()
            visitor.visit(ast.parse(path.read_text(), relative))
            for node, function in visitor.imports:
                modules = _imported_modules(node, _package_of(path, module))
                if function is not None and not (path.name == "apps.py" and function.endswith(".ready")):
                    local.extend((relative, node.lineno, function, name) for name in modules)
                for name in modules:
                    other = app_of(name or "")
                    if other is not None and other != app:
                        edges[app][other].append((relative, node.lineno))
    return edges, local


def cycles(edges):
    """The cycles of the app graph, each as a list of apps (one per strongly connected group)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(app):
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for other in edges.get(app, ()):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in on_stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for app in sorted(edges):
        if app not in index:
            visit(app)
    return found


def edges_against(edges, layers):
    """Imports from an app to an app of its own layer or a higher one: (app, other, where)."""
    level = {app: number for number, layer in enumerate(layers) for app in layer}
    return [
        (app, other, places[0])
        for app, targets in sorted(edges.items())
        for other, places in sorted(targets.items())
        if level[other] >= level[app]
    ]


def local_imports_not_allowed(local, allowed):
    return [item for item in local if item[0] not in allowed]


def stale_allowances(local, allowed):
    files = {item[0] for item in local}
    return sorted(path for path in allowed if path not in files)


def test_every_app_has_a_layer():
    assert sorted(app for layer in LAYERS for app in layer) == sorted(APP_PACKAGES)
    on_disk = {path.parent.name for path in (ROOT / "incommon_cms").glob("*/apps.py")}
    assert on_disk <= set(APP_PACKAGES) | {"settings"}


def _without_allowed(edges):
    return {
        app: {other: places for other, places in targets.items() if (app, other) not in UPWARD_EDGES_ALLOWED}
        for app, targets in edges.items()
    }


def test_no_cycle_between_apps():
    edges, _local = scan(ROOT, APP_PACKAGES)
    assert cycles(_without_allowed(edges)) == []


def test_every_import_between_apps_goes_down_the_layers():
    edges, _local = scan(ROOT, APP_PACKAGES)
    assert edges_against(_without_allowed(edges), LAYERS) == []
    against = {(app, other) for app, other, _where in edges_against(edges, LAYERS)}
    assert sorted(set(UPWARD_EDGES_ALLOWED) - against) == []


def test_no_function_local_import_outside_the_allow_list():
    _edges, local = scan(ROOT, APP_PACKAGES)
    assert local_imports_not_allowed(local, LOCAL_IMPORTS_ALLOWED) == []
    assert stale_allowances(local, LOCAL_IMPORTS_ALLOWED) == []


# The checker itself must be able to fail.


def _write(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


SYNTHETIC = {"low": "site.low", "high": "site.high"}


def test_the_checker_finds_a_synthetic_cycle_and_an_upward_edge(tmp_path):
    _write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/low/__init__.py": "",
            "site/low/models.py": "from site.high.views import page\n",
            "site/high/__init__.py": "",
            "site/high/views.py": "from ..low import models\n\npage = None\n",
            "site/high/migrations/0001_initial.py": "import site.low\n",
        },
    )
    edges, local = scan(tmp_path, SYNTHETIC)
    assert {app: sorted(targets) for app, targets in edges.items()} == {"low": ["high"], "high": ["low"]}
    assert cycles(edges) == [["high", "low"]]
    assert edges_against(edges, [["low"], ["high"]]) == [("low", "high", ("site/low/models.py", 1))]
    assert local == []


def test_the_checker_finds_function_local_imports_but_not_in_ready(tmp_path):
    _write(
        tmp_path,
        {
            "site/__init__.py": "",
            "site/low/__init__.py": "",
            "site/low/apps.py": "class LowConfig:\n    def ready(self):\n        from . import models\n",
            "site/low/models.py": "",
            "site/high/__init__.py": "",
            "site/high/views.py": "class View:\n    def get(self):\n        from site.low import models\n",
        },
    )
    edges, local = scan(tmp_path, SYNTHETIC)
    assert local == [("site/high/views.py", 3, "View.get", "site.low.models")]
    assert edges_against(edges, [["low"], ["high"]]) == []
    assert cycles(edges) == []
    assert local_imports_not_allowed(local, {"site/high/views.py": "a reason"}) == []
    assert stale_allowances(local, {"site/high/views.py": "a reason", "site/low/models.py": "gone"}) == [
        "site/low/models.py"
    ]
