from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


@never_cache
def healthz(request):
    """Liveness and database check for the load balancer."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    return render(request, "500.html", status=500)


def refusal(exception):
    """(status, heading, reason) for a request Django refused before any view ran."""
    if isinstance(exception, RequestDataTooBig):
        limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        return (
            413,
            _("Too much data sent"),
            _(
                "The request sent more than %(limit)s of data, the most the site accepts in one go (files sent "
                "through an upload field are counted apart). Shorten the text and send it again."
            )
            % {"limit": limit},
        )
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        return (
            413,
            _("Too much data sent"),
            _("The request sent more fields or files than the site accepts in one go."),
        )
    return 400, _("Request refused"), _("The site could not read what was sent. Please go back and try again.")


@requires_csrf_token
def bad_request(request, exception=None):
    """Django's answer to a request it cannot read (too large, malformed form or upload): a translated page, or
    JSON with the reason under /api/, and 413 when the body is too large. Nothing was processed: no view ran."""
    status, heading, reason = refusal(exception)
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": reason}, status=status)
    return render(request, "400.html", {"heading": heading, "reason": reason}, status=status)
