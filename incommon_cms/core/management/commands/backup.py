from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from incommon_cms.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump, or the SQLite backup API) and the uploaded files into one .tar archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "output", nargs="?", default="var/backups", help="Archive path, or a directory for a dated archive."
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, output, database, **options):
        target = Path(output)
        if not target.suffix:
            target.mkdir(parents=True, exist_ok=True)
        try:
            summary = create_backup(target, alias=database)
        except BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(
            f"{summary.path}: {summary.engine} database ({summary.pages} pages, {summary.revisions} revisions), "
            f"{summary.media_files} media files"
        )
