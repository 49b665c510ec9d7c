"""The demo loader reads every app's demo_data/*.json in order and refuses a malformed file before writing anything,
naming the file and the entry."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Page

from incommon_cms.core.demo_loader import DemoContext, DemoDataError, demo_files, load_demo_files, read_demo_file

pytestmark = pytest.mark.django_db


def _write(path, content):
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_the_files_run_by_their_order_key_then_by_app():
    files = demo_files()
    assert [demo_file.name for demo_file in files] == [
        "core/demo_data/core.json",
        "directory/demo_data/directory.json",
        "governance/demo_data/governance.json",
        "toolbox/demo_data/toolbox.json",
        "agenda/demo_data/agenda.json",
        "discussions/demo_data/discussions.json",
        "commons/demo_data/commons.json",
        "ecosystem/demo_data/ecosystem.json",
        "sharing/demo_data/sharing.json",
    ]
    assert [demo_file.order for demo_file in files] == sorted(demo_file.order for demo_file in files)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "demo.json: not a readable JSON file: Expecting property name"),
        ({"records": []}, 'demo.json: expected an object with an integer "order"'),
        ({"order": "1", "records": []}, 'demo.json: expected an object with an integer "order"'),
        ({"order": 1, "records": [], "extra": 1}, 'demo.json: expected an object with an integer "order"'),
        (
            {"order": 1, "records": [{"kind": "core.group", "name": "A"}, "B"]},
            "demo.json, entry 2: an entry is an object",
        ),
        (
            {"order": 1, "records": [{"kind": "core.group", "name": "A"}, {"kind": "core.nope"}]},
            "demo.json, entry 2 (core.nope): unknown kind 'core.nope'; the known kinds are ",
        ),
        ({"order": 1, "records": [{"name": "A"}]}, "demo.json, entry 1: unknown kind None"),
        (
            {"order": 1, "records": [{"kind": "core.group"}]},
            "demo.json, entry 1 (core.group): missing a required argument: 'name'.",
        ),
        (
            {"order": 1, "records": [{"kind": "core.group", "name": "A", "colour": "red"}]},
            "demo.json, entry 1 (core.group): got an unexpected keyword argument 'colour'.",
        ),
    ],
)
def test_a_malformed_file_is_refused_naming_the_file_and_the_entry(tmp_path, content, message):
    path = _write(tmp_path / "demo.json", content)
    with pytest.raises(DemoDataError) as error:
        read_demo_file(path)
    assert str(error.value).startswith(str(tmp_path / "demo.json").removesuffix("demo.json"))
    assert message in str(error.value)


def test_load_demo_refuses_a_malformed_file_before_writing_anything(tmp_path, monkeypatch):
    folder = tmp_path / "demo_data"
    folder.mkdir()
    _write(folder / "broken.json", {"order": 99, "records": [{"kind": "core.group", "name": "Late", "size": 3}]})
    monkeypatch.setattr(apps.get_app_config("agenda"), "path", str(tmp_path))
    pages, groups = Page.objects.count(), Group.objects.count()

    with pytest.raises(CommandError) as error:
        call_command("load_demo", stdout=io.StringIO())

    assert str(error.value) == (
        f"{folder / 'broken.json'}, entry 1 (core.group): got an unexpected keyword argument 'size'."
    )
    assert (Page.objects.count(), Group.objects.count()) == (pages, groups)


def test_an_entry_failing_while_it_is_built_says_which_it_was(tmp_path):
    path = _write(
        tmp_path / "settings.json",
        {
            "order": 0,
            "records": [
                {"kind": "core.group", "name": "Readers"},
                {"kind": "core.community_settings", "pages": {"charter_page": "no-such-page"}},
            ],
        },
    )
    with pytest.raises(KeyError) as error:
        load_demo_files(DemoContext(stdout=io.StringIO()), [read_demo_file(path)])
    assert error.value.__notes__ == [f"while loading {path}, entry 2 (core.community_settings)"]
