from django_tasks import task

from .digest import send_digests


@task()
def send_alert_digests():
    """Hourly: send the alert digests that are due (immediate ones hourly, daily and weekly ones at their period)."""
    return send_digests()
