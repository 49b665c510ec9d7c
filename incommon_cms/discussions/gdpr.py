"""What the discussions store about a person, for `accounts.gdpr` (registered in `DiscussionsConfig.ready()`).

On deletion, comments stay in their threads without their author; followed threads go with the account.
"""

from incommon_cms.accounts.gdpr import iso_date, page_summary

from .models import Comment, ThreadFollower, TopicPage


def export(user):
    return {
        "comments": [
            {
                "id": comment.pk,
                "text": comment.comment,
                "submitted_at": iso_date(comment.submit_date),
                "status": comment.status,
                "url": comment.get_absolute_url() if comment.content_object is not None else None,
            }
            for comment in Comment.objects.filter(user=user).order_by("submit_date", "pk")
        ],
        "topics": [
            {
                **page_summary(topic),
                "body": topic.body,
                "live": topic.live,
                "created_at": iso_date(topic.first_published_at),
            }
            for topic in TopicPage.objects.filter(author=user).order_by("pk")
        ],
        "notification_settings": {
            "followed_threads": [
                {"type": f.content_type.model, "id": f.object_pk, "since": iso_date(f.created_at)}
                for f in ThreadFollower.objects.filter(user=user).select_related("content_type").order_by("pk")
            ],
        },
    }


def erase(user):
    Comment.objects.filter(user=user).update(user=None, user_name="", user_email="", user_url="", ip_address=None)
