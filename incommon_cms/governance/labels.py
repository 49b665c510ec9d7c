"""The co-governance workflow's and task's names, shown in the reader's language wherever they appear.

`governance.workflows` stores them as English keys ("Co-governance", "Co-governance approval"). Wagtail reads
`workflow.name` and `task.name` straight from the database and prints them as they are in many places: the
dashboard's panels, the page editor's status panel, action menu ("Submit to …") and lock messages, the workflow
history, the notification e-mails. A data migration would only swap one language for another; the name has to
follow the reader's language at the moment it is shown.

`StoredName` does that without touching Wagtail: it *is* the stored key (a `str` equal to it, so database lookups,
saving and JSON all keep the key) but it *displays* as its translation: `str()`, `%`-formatting, `format()`, f-strings
and templates (`{{ task.name }}`, with escaping) give the label in the active language. `label_stored_names`
(post_init) turns the name of every Workflow and Task loaded with one of these keys into a `StoredName`;
`keep_stored_key` (pre_save) stores the key back when an admin form sends the name as it was displayed, in any of the
site's languages, so that the key stays stable. A name an admin changed to something else is kept and shown as typed.

Page history entries keep the name as it was when they were written (their JSON holds the key, since `StoredName`
serialises as its key): `label_workflow_log_entries` makes Wagtail's workflow formatters read it through `label()`.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Task, Workflow

from .workflows import TASK_NAME, WORKFLOW_NAME

LABELS = {
    WORKFLOW_NAME: _("Co-governance"),
    TASK_NAME: _("Co-governance approval"),
}


class StoredName(str):
    """A stored workflow or task name that displays as its translation (see the module's docstring)."""

    __slots__ = ()

    @property
    def key(self):
        return str.__str__(self)

    def __str__(self):
        return str(LABELS.get(self.key, self.key))

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __html__(self):
        return escape(str(self))


def label(name):
    """A workflow or task name (stored key or any text) in the reader's language; other names as they are."""
    key = name.key if isinstance(name, StoredName) else name
    return str(LABELS[key]) if key in LABELS else name


def stored_key(name):
    """The key of a name given as displayed in any site language (or as the key itself), else None."""
    text = str(name.key if isinstance(name, StoredName) else name)
    for key, text_label in LABELS.items():
        if text == key:
            return key
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                if text == str(text_label):
                    return key
    return None


def label_stored_names(sender, instance, **kwargs):
    """post_init: a workflow or task loaded with a known key gets it as a `StoredName`."""
    name = instance.__dict__.get("name")
    if isinstance(name, str) and not isinstance(name, StoredName) and name in LABELS:
        instance.__dict__["name"] = StoredName(name)


def keep_stored_key(sender, instance, **kwargs):
    """pre_save: a name sent back as displayed (translated) is stored as its key."""
    name = instance.__dict__.get("name")
    if isinstance(name, str):
        key = stored_key(name)
        if key is not None:
            instance.__dict__["name"] = StoredName(key)


WORKFLOW_LOG_ACTIONS = (
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.resume",
    "wagtail.workflow.cancel",
)


def _labelled_titles(data):
    """A copy of a log entry's data where every "title" that is a stored key is in the reader's language."""
    if isinstance(data, dict):
        return {k: label(v) if k == "title" and isinstance(v, str) else _labelled_titles(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_labelled_titles(item) for item in data]
    return data


class _LabelledLogEntry:
    """A log entry whose workflow and task titles read in the reader's language; the rest is the entry itself."""

    def __init__(self, log_entry):
        self._log_entry = log_entry
        self.data = _labelled_titles(log_entry.data)

    def __getattr__(self, name):
        return getattr(self._log_entry, name)


_hook_registered = []


class LabelledFormatterMixin:
    def format_message(self, log_entry):
        return super().format_message(_LabelledLogEntry(log_entry))


def label_workflow_log_entries(actions):
    """register_log_actions hook, run after Wagtail's: its workflow formatters read titles through `label`.

    Each formatter is swapped for a subclass of itself in place, so that the list of actions (the history filter)
    keeps one entry per action."""
    for action in WORKFLOW_LOG_ACTIONS:
        formatter = actions.formatters.get(action)
        if formatter is not None and not isinstance(formatter, LabelledFormatterMixin):
            labelled = type(f"Labelled{type(formatter).__name__}", (LabelledFormatterMixin, type(formatter)), {})
            actions.formatters[action] = labelled()


def connect():
    """Connect both receivers for Wagtail's Workflow and every Task model (each Task subclass sends its own), and
    the history formatters."""
    for model in apps.get_models():
        if issubclass(model, Task | Workflow):
            uid = f"governance-labels-{model._meta.label_lower}"
            post_init.connect(label_stored_names, sender=model, dispatch_uid=f"{uid}-init")
            pre_save.connect(keep_stored_key, sender=model, dispatch_uid=f"{uid}-save")
    if not _hook_registered:
        hooks.register("register_log_actions", label_workflow_log_entries, order=100)
        _hook_registered.append(True)
