"""`manage.py backup` / `manage.py restore`: database-native dump (pg_dump on PostgreSQL, the backup API on SQLite)
plus media; a wiped site comes back with the same pages, revisions and files."""

import json
import shutil
import tarfile
from pathlib import Path

import pytest
import wagtail_factories
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page, Revision

from incommon_cms.core.factories import StandardPageFactory


def _snapshot(media_root: Path):
    pages = sorted(
        (p.pk, p.path, p.title, p.slug, p.live, p.has_unpublished_changes, p.locale.language_code)
        for p in Page.objects.select_related("locale")
    )
    revisions = sorted(
        (r.pk, r.object_id, r.content.get("title"), r.created_at.isoformat(), r.user_id) for r in Revision.objects.all()
    )
    files = {
        path.relative_to(media_root).as_posix(): path.read_bytes() for path in media_root.rglob("*") if path.is_file()
    }
    return pages, revisions, files


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_and_restore_bring_back_the_same_pages_revisions_and_files(home_fr, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    published = StandardPageFactory(parent=home_fr, title="Jardins partagés", slug="jardins")
    published.title = "Jardins partagés d'Anderlecht"
    published.save_revision().publish()
    published.title = "Brouillon non publié"
    published.save_revision()
    draft = StandardPageFactory(parent=home_fr, title="Page brouillon", slug="brouillon", live=False)
    draft.save_revision()
    wagtail_factories.ImageFactory(title="Affiche")
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "documents" / "statuts.txt").write_text("Statuts de l'asbl", encoding="utf-8")
    before = _snapshot(settings.MEDIA_ROOT)
    assert len(before[1]) >= 3 and len(before[2]) == 2

    archive = tmp_path / "backups" / "site.tar"
    call_command("backup", str(archive))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    expected_dump = "database.dump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert expected_dump in names and "media/documents/statuts.txt" in names
    assert manifest["engine"] == connection.vendor
    assert (manifest["pages"], manifest["revisions"]) == (len(before[0]), len(before[1]))

    # Wipe everything: database rows and uploaded files.
    call_command("flush", interactive=False)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Page.objects.exists() and not Revision.objects.exists()

    call_command("restore", str(archive), "--no-input")

    assert _snapshot(settings.MEDIA_ROOT) == before
    restored = Page.objects.get(pk=published.pk).specific
    assert restored.title == "Jardins partagés d'Anderlecht"
    assert restored.get_latest_revision().content["title"] == "Brouillon non publié"
    assert restored.live_revision.content["title"] == "Jardins partagés d'Anderlecht"
    # The database keeps working after the restore (sequences restored): new pages get fresh ids.
    newer = StandardPageFactory(parent=Page.objects.get(pk=home_fr.pk), title="Après restauration", slug="apres")
    assert newer.pk > max(pk for pk, *_ in before[0])


@pytest.mark.django_db
def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(home_fr, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    pages = Page.objects.count()
    not_a_backup = tmp_path / "notes.tar"
    not_a_backup.write_text("bonjour")
    with pytest.raises(CommandError, match="not an In Common backup"):
        call_command("restore", str(not_a_backup), "--no-input")

    other_engine = tmp_path / "other.tar"
    with tarfile.open(other_engine, "w") as tar:
        manifest = tmp_path / "manifest.json"
        manifest.write_text(json.dumps({"format": 1, "engine": "oracle", "created": "", "pages": 0, "revisions": 0}))
        tar.add(manifest, arcname="manifest.json")
    with pytest.raises(CommandError, match="oracle backup"):
        call_command("restore", str(other_engine), "--no-input")
    assert Page.objects.count() == pages
