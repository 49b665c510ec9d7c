from django.core.management.base import BaseCommand, CommandError

from incommon_cms.core.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with a backup made by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--database", default="default")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")

    def handle(self, *args, archive, database, interactive, **options):
        try:
            manifest = read_manifest(archive)
        except BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(
            f"Backup of {manifest['created']}: {manifest['engine']}, {manifest['pages']} pages, "
            f"{manifest['revisions']} revisions."
        )
        if interactive:
            answer = input("This replaces the whole database and every uploaded file. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            summary = restore_backup(archive, alias=database)
        except BackupError as error:
            raise CommandError(str(error))
        self.stdout.write(
            f"Restored {summary.pages} pages, {summary.revisions} revisions and {summary.media_files} media files. "
            "Run `manage.py migrate` (if the code is newer than the backup) and `manage.py update_index`."
        )
