"""Reports of errors and abuse: anyone files one, moderators resolve or dismiss it, the outcome goes in the log."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import roles
from .decisions import record_decision
from .models import Decision, Report


def file_report(form, page, url, user):
    report = form.save(commit=False)
    report.page = page
    report.url = (url or (page.url if page else "") or "")[:500]
    report.reporter = user if user and user.is_authenticated else None
    if report.reporter and not report.email:
        report.email = report.reporter.email
    report.save()
    return report


@transaction.atomic
def handle_report(report, moderator, resolved, outcome=""):
    if not roles.can_handle_queue(moderator):
        raise PermissionDenied
    if report.status != Report.OPEN:
        raise ValidationError(_("This report was already handled."))
    report.status = Report.RESOLVED if resolved else Report.DISMISSED
    report.handled_by = moderator
    report.handled_at = timezone.now()
    report.outcome = outcome
    report.save()
    target = report.page.specific if report.page else None
    record_decision(
        action=Decision.REPORT_RESOLVE if resolved else Decision.REPORT_DISMISS,
        actor=moderator,
        target=target,
        reason=outcome,
        details={"kind": report.kind, "report": report.pk},
    )
    return report
