"""The demo loader: every app's `demo_data/*.json` files, built record by record by the builders apps register.

A data file is `{"order": <int>, "note": <optional text>, "records": [{"kind": "<kind>", ...}, ...]}`. Files run
by their `order`, then in INSTALLED_APPS order, then by file name; records run in file order. Each kind of record is
built by one function registered with `@demo_builder("<kind>")` in an app's `demo` module (discovered like `admin`
modules, so the core knows no capability app); a record's other keys are the builder's keyword arguments, and the
builder finds what earlier records made in the shared `DemoContext`. All the content is in the data files; builders
only know how to make one kind of record, idempotently, so that `load_demo` is safe to re-run.

Every file is read and checked against its builders' signatures before anything is written, so a malformed file stops
the load with an error naming the file and the entry; an entry that fails while building says which one it was.
"""

import inspect
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

BUILDERS = {}


class DemoDataError(Exception):
    """A demo data file that cannot be loaded; the message names the file and, when it applies, the entry."""


def demo_builder(kind):
    """Register the decorated function `builder(ctx, **record)` as the builder of the records of this kind."""

    def register(function):
        if kind in BUILDERS and BUILDERS[kind] is not function:
            raise ImproperlyConfigured(f"Two demo builders for the kind {kind!r}.")
        BUILDERS[kind] = function
        return function

    return register


@dataclass
class DemoContext:
    """What the builders share: each one may read what earlier records made and add what it makes."""

    stdout: object
    size: int = 0
    homes: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)
    credentials: list = field(default_factory=list)
    shared: dict = field(default_factory=dict)

    def log(self, message):
        self.stdout.write(message)


@dataclass(frozen=True)
class DemoFile:
    path: Path
    order: int
    records: list

    @property
    def name(self):
        return f"{self.path.parent.parent.name}/{self.path.parent.name}/{self.path.name}"


def _entry(path, number, record):
    kind = record.get("kind") if isinstance(record, dict) else None
    return f"{path}, entry {number}" + (f" ({kind})" if kind else "")


def read_demo_file(path):
    """The checked content of one data file, or a DemoDataError naming the file and the faulty entry."""
    autodiscover_modules("demo")
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DemoDataError(f"{path}: not a readable JSON file: {error}") from error
    if (
        not isinstance(data, dict)
        or set(data) - {"order", "note", "records"}
        or type(data.get("order")) is not int
        or not isinstance(data.get("records"), list)
    ):
        raise DemoDataError(
            f'{path}: expected an object with an integer "order", a list of "records" and an optional "note".'
        )
    for number, record in enumerate(data["records"], start=1):
        where = _entry(path, number, record)
        if not isinstance(record, dict):
            raise DemoDataError(f'{where}: an entry is an object with a "kind", not {type(record).__name__}.')
        kind = record.get("kind")
        if kind not in BUILDERS:
            known = ", ".join(sorted(BUILDERS))
            raise DemoDataError(f"{where}: unknown kind {kind!r}; the known kinds are {known}.")
        arguments = {name: value for name, value in record.items() if name != "kind"}
        try:
            inspect.signature(BUILDERS[kind]).bind(None, **arguments)
        except TypeError as error:
            raise DemoDataError(f"{where}: {error}.") from error
    return DemoFile(path=path, order=data["order"], records=data["records"])


def demo_files(app_labels=None):
    """The data files of the installed apps (or of these apps only), in the order they run."""
    found = []
    for position, config in enumerate(apps.get_app_configs()):
        if app_labels is not None and config.label not in app_labels:
            continue
        for path in sorted((Path(config.path) / "demo_data").glob("*.json")):
            demo_file = read_demo_file(path)
            found.append((demo_file.order, position, path.name, demo_file))
    return [demo_file for *_, demo_file in sorted(found, key=lambda item: item[:3])]


def load_demo_files(ctx, files):
    """Build every record of these files in order; a failing entry says which file and entry it was."""
    for demo_file in files:
        ctx.log(f"Loading {demo_file.name} ({len(demo_file.records)} records)…")
        for number, record in enumerate(demo_file.records, start=1):
            arguments = {name: value for name, value in record.items() if name != "kind"}
            try:
                BUILDERS[record["kind"]](ctx, **arguments)
            except Exception as error:
                error.add_note(f"while loading {_entry(demo_file.path, number, record)}")
                raise
