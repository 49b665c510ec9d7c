"""Runtime code never needs a development-only package: requirements.txt alone runs the site.

The model factories (`*/factories.py`, factory_boy and wagtail-factories) and the test tools are in
requirements-dev.txt; a runtime module importing them would break a production install.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = ["incommon_cms", "agenda", "toolbox"]
DEV_ONLY_MODULES = {"factory", "wagtail_factories", "pytest", "hypothesis", "playwright", "schemathesis"}
DEV_ONLY_REQUIREMENTS = {"pytest", "pytest-django", "wagtail-factories", "factory_boy", "playwright", "hypothesis"}


def _requirements(name):
    names = set()
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-r"):
            names.add(line.split("==")[0].split("[")[0].lower())
    return names


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            yield from (f"{module}.{alias.name}" for alias in node.names)


def _runtime_modules():
    for package in RUNTIME_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name != "factories.py" and "migrations" not in path.parts:
                yield path


def test_no_runtime_module_imports_a_development_package_or_the_factories():
    offenders = []
    for path in _runtime_modules():
        for name in _imports(path):
            if name.split(".")[0] in DEV_ONLY_MODULES or "factories" in name.split("."):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_development_packages_are_pinned_only_for_development():
    runtime, dev = _requirements("requirements.txt"), _requirements("requirements-dev.txt")
    assert runtime.isdisjoint(DEV_ONLY_REQUIREMENTS | {"recurring-ical-events"})
    assert {"factory_boy", "wagtail-factories", "recurring-ical-events"} <= dev
