"""Admin screens: dry run and apply, run reports and history, the duplicates list and the merge form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_tasks.base import TaskResultStatus

from incommon_cms.core.roles import is_moderator
from incommon_cms.directory.models import ProfilePage

from .duplicates import MERGEABLE_FIELDS, dismiss, find_duplicates, merge_profiles
from .models import ImportedRecord, ImportRun, ImportSource
from .tasks import sync_source


def _require_source_permission(request):
    if not request.user.has_perm("commons.change_importsource"):
        raise PermissionDenied


def _require_moderator(request):
    if not is_moderator(request.user):
        raise PermissionDenied


def _run(source, user, *, dry_run):
    """Enqueue the run; with an immediate backend the finished run comes back, with a worker None."""
    result = sync_source.enqueue(source.pk, dry_run=dry_run, user_id=user.pk)
    if result.status != TaskResultStatus.SUCCESSFUL:
        return None
    return ImportRun.objects.get(pk=result.return_value)


@require_http_methods(["GET", "HEAD", "POST"])
def dry_run(request, pk):
    """Run the source without writing anything and show what the real run would do.

    A dry run still reads the source (a download, a database query) and records the run in the history, so it is
    an action: GET only shows what it will do, with the button that POSTs it (with its CSRF token)."""
    _require_source_permission(request)
    source = get_object_or_404(ImportSource, pk=pk)
    if request.method != "POST":
        return TemplateResponse(
            request,
            "commons/admin/dry_run.html",
            {
                "page_title": _("Dry run: %(source)s") % {"source": source},
                "header_icon": "view",
                "source": source,
                "last_run": source.runs.first(),
            },
        )
    run = _run(source, request.user, dry_run=True)
    if run is None:
        messages.info(request, _("The dry run has been queued; its report will appear in the history."))
        return redirect("commons_admin:history", source.pk)
    return redirect("commons_admin:run", run.pk)


@require_POST
def apply(request, pk):
    _require_source_permission(request)
    source = get_object_or_404(ImportSource, pk=pk)
    run = _run(source, request.user, dry_run=False)
    if run is None:
        messages.info(request, _("The import has been queued; its report will appear in the history."))
        return redirect("commons_admin:history", source.pk)
    if run.status == ImportRun.SUCCESS:
        messages.success(request, _("Import applied."))
    elif run.status == ImportRun.PARTIAL:
        messages.warning(request, run.message)
    else:
        messages.error(request, run.message)
    return redirect("commons_admin:run", run.pk)


def can_apply(run, latest_dry_run):
    """Offer to apply the latest dry run when it would write something: not when every row is skipped or in error."""
    would_write = run.created + run.updated + run.proposed + run.withdrawn
    return run.dry_run and run.status != ImportRun.FAILED and latest_dry_run == run and would_write > 0


def run_report(request, pk):
    _require_source_permission(request)
    run = get_object_or_404(ImportRun.objects.select_related("source"), pk=pk)
    latest_dry_run = run.source.runs.filter(dry_run=True).first()
    return TemplateResponse(
        request,
        "commons/admin/run.html",
        {
            "page_title": _("Import report: %(source)s") % {"source": run.source},
            "header_icon": "download",
            "run": run,
            "source": run.source,
            "rows": [row for row in run.report if row["status"] != "unchanged"],
            "can_apply": can_apply(run, latest_dry_run),
        },
    )


def history(request, pk):
    _require_source_permission(request)
    source = get_object_or_404(ImportSource, pk=pk)
    return TemplateResponse(
        request,
        "commons/admin/history.html",
        {
            "page_title": _("Run history: %(source)s") % {"source": source},
            "header_icon": "history",
            "source": source,
            "runs": source.runs.all()[:100],
            "gone": source.records.exclude(state=ImportedRecord.ACTIVE).order_by("-state_changed_at")[:200],
        },
    )


def duplicates(request):
    _require_moderator(request)
    return TemplateResponse(
        request,
        "commons/admin/duplicates.html",
        {
            "page_title": _("Possible duplicates"),
            "header_icon": "duplicate",
            "pairs": find_duplicates(),
        },
    )


def merge(request, first, second):
    """Side by side: pick which profile stays and which values to take from the other."""
    _require_moderator(request)
    profiles = {page.pk: page.specific for page in ProfilePage.objects.filter(pk__in=[first, second])}
    if len(profiles) != 2:
        messages.error(request, _("One of these profiles no longer exists."))
        return redirect("commons_admin:duplicates")
    a, b = profiles[first], profiles[second]
    if request.method == "POST":
        if request.POST.get("action") == "dismiss":
            dismiss(a, b, request.user)
            messages.success(request, _("Marked as different profiles."))
            return redirect("commons_admin:duplicates")
        keep, remove = (a, b) if request.POST.get("keep") != str(b.pk) else (b, a)
        take = [name for name in MERGEABLE_FIELDS if request.POST.get(f"field_{name}") == str(remove.pk)]
        merged = merge_profiles(
            keep, remove, user=request.user, take_fields=take, reason=request.POST.get("reason", "").strip()
        )
        messages.success(
            request,
            _("“%(title)s” now holds both profiles; the old address redirects to it.") % {"title": merged.title},
        )
        return redirect("commons_admin:duplicates")
    rows = [
        {"name": name, "label": a._meta.get_field(name).verbose_name, "a": getattr(a, name), "b": getattr(b, name)}
        for name in MERGEABLE_FIELDS
    ]
    return TemplateResponse(
        request,
        "commons/admin/merge.html",
        {
            "page_title": _("Merge profiles"),
            "header_icon": "duplicate",
            "a": a,
            "b": b,
            "rows": rows,
            "sources_a": a.imported_records.select_related("source"),
            "sources_b": b.imported_records.select_related("source"),
        },
    )
