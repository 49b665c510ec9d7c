from django_tasks import task

from .digest import send_digests


@task()
def send_moderation_digest():
    """Daily: e-mail each moderator what waits for them."""
    return send_digests()
