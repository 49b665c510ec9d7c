"""The co-governance workflow, default for the Directory, Toolbox, Knowledge and Agenda page trees."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from incommon_cms.core.roles import MODERATORS_GROUP

from .models import CoGovernanceTask

WORKFLOW_NAME = "Co-governance"
TASK_NAME = "Co-governance approval"
MODERATED_INDEXES = [
    ("directory", "DirectoryIndexPage", _("Directory")),
    ("toolbox", "ToolboxIndexPage", _("Toolbox")),
    ("toolbox", "KnowledgeIndexPage", _("Knowledge")),
    ("agenda", "AgendaIndexPage", _("Agenda")),
]


def moderated_index_models():
    """The index page models that exist in this installation (apps may be absent)."""
    models = []
    for app_label, model_name, _label in MODERATED_INDEXES:
        try:
            models.append(apps.get_model(app_label, model_name))
        except LookupError:
            continue
    return models


def ensure_moderators_group():
    """Moderators vote in the Wagtail admin: their group needs access to it, and holds no publish right.

    Wagtail's initial data gives a group named "Moderators" the right to publish every page; moderators here decide
    only through their votes (see `governance.publishing`).
    """
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    GroupPagePermission.objects.filter(group=group, permission__codename="publish_page").delete()
    return group


@transaction.atomic
def default_workflow():
    """The co-governance workflow and its task, created with default rules if missing."""
    ensure_moderators_group()
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = CoGovernanceTask.objects.filter(workflow_tasks__workflow=workflow).first()
    if task is None:
        task = CoGovernanceTask.objects.filter(name=TASK_NAME).first() or CoGovernanceTask.objects.create(
            name=TASK_NAME, required_approvals=2, distinct_collectives=True, minor_fields=[]
        )
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def co_governance_task(page):
    """The co-governance task whose rules apply to what `page` (a collective's profile) publishes: the task of the
    workflow moderating the page, or of the default workflow when that one holds no co-governance task."""
    workflow = page.get_workflow()
    task = None
    if workflow is not None:
        task = CoGovernanceTask.objects.filter(workflow_tasks__workflow=workflow, active=True).first()
    if task is None:
        task = CoGovernanceTask.objects.filter(workflow_tasks__workflow=default_workflow()).first()
    return task


@transaction.atomic
def ensure_default_workflow(pages=None):
    """Attach the co-governance workflow to every live moderated index page that has no workflow yet.

    Idempotent; a workflow an admin chose for a page is left alone. Returns the pages newly attached.
    """
    if pages is None:
        pages = [page for model in moderated_index_models() for page in model.objects.live()]
    workflow = default_workflow()
    attached = []
    for page in pages:
        if not page.live:
            continue
        _link, created = WorkflowPage.objects.get_or_create(
            page=page.page_ptr if hasattr(page, "page_ptr") else page, defaults={"workflow": workflow}
        )
        if created:
            attached.append(page)
    return attached


def live_rules():
    """The rules the software applies right now, read from the tasks of the active co-governance workflows."""
    rules = []
    for workflow in Workflow.objects.filter(
        active=True, workflow_tasks__task__in=CoGovernanceTask.objects.all()
    ).distinct():
        for task in CoGovernanceTask.objects.filter(workflow_tasks__workflow=workflow, active=True):
            labels = dict(task._meta.get_field("minor_fields").item_choices)
            rules.append(
                {
                    "workflow": workflow,
                    "task": task,
                    "required_approvals": task.required_approvals,
                    "distinct_collectives": task.distinct_collectives,
                    "minor_fields": [str(labels.get(name, name)) for name in task.minor_fields],
                    "pages": [
                        wp.page.specific for wp in WorkflowPage.objects.filter(workflow=workflow).select_related("page")
                    ],
                }
            )
    return rules
