"""How large a file the platform takes in: one size limit per kind of data, for uploads and downloads alike.

The limits live in one setting, `INCOMING_SIZE_LIMITS` (bytes per kind), so that an uploaded file and the same file
given by its address are held to the same rule; `docs/deploy.md` lists them. Kinds:

- `import`: the data of an import source (CSV, XLSX, JSON, GeoJSON, GoGoCarto), uploaded or downloaded; for a
  remote API, all its pages together;
- `calendar`: an iCalendar file, uploaded or downloaded (calendar sources and the calendars collectives subscribe to).

    check_upload(upload, "import")          # in a form or a model's clean(): ValidationError naming the limit
    read_file(field_file, "calendar")       # the stored file's bytes, or TooLarge
    max_bytes("import")                     # the limit, for the downloader (core/fetch.py)

Why one place: a limit enforced only on uploads is bypassed by giving an address, and a download read whole before
its size is known can exhaust the worker's memory. Downloads (`core.fetch`) stop reading as soon as the limit is
passed (a `Content-Length` above it is refused before reading), and count the bytes after decompression.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_LIMITS = {"import": 20 * 1024 * 1024, "calendar": 10 * 1024 * 1024}
KIND_LABELS = {"import": gettext_lazy("import sources' data"), "calendar": gettext_lazy("calendars")}


class TooLarge(Exception):
    """A file above its kind's limit; `str()` is a translated sentence naming the limit."""

    def __init__(self, kind):
        self.kind = kind
        super().__init__(kind)

    def __str__(self):
        return _("The file is larger than %(limit)s, the most accepted for %(kind)s.") % {
            "limit": limit_text(self.kind),
            "kind": KIND_LABELS[self.kind],
        }


def max_bytes(kind):
    """The limit for `kind`, in bytes (KeyError for an unknown kind: every caller names one of DEFAULT_LIMITS)."""
    return {**DEFAULT_LIMITS, **getattr(settings, "INCOMING_SIZE_LIMITS", {})}[kind]


def limit_text(kind):
    return filesizeformat(max_bytes(kind))


def check_upload(upload, kind):
    """Refuse an uploaded file above the limit, with a message giving its size and the limit."""
    if upload is not None and upload.size is not None and upload.size > max_bytes(kind):
        raise ValidationError(
            _("This file weighs %(size)s; %(kind)s may weigh at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "kind": KIND_LABELS[kind], "limit": limit_text(kind)},
            code="file_too_large",
        )


def read_file(field_file, kind):
    """The whole content of a stored file; TooLarge (before reading) when it is above the limit."""
    if field_file.size > max_bytes(kind):
        raise TooLarge(kind)
    with field_file.open("rb") as handle:
        return handle.read()
