"""Demo builders of the discussions: topics with their threads, and threads on profiles.

The content is in `demo_data/discussions.json`; see `incommon_cms.core.demo_loader` for the format. A thread is a list
of `{"author", "text", "replies": [{"author", "text"}]}`, authors being demo account keys; comments go through the
moderation service as members' comments do.
"""

from incommon_cms.core.demo_loader import demo_builder
from incommon_cms.core.demo_utils import child_page

from . import moderation
from .models import Comment, TopicPage
from .threads import comments_of


def _thread(target, comments, users):
    """Post each comment and its replies once: comments already in the thread are left alone."""
    existing = set(comments_of(target).values_list("user_id", "comment"))
    for comment in comments:
        author, text = users[comment["author"]], comment["text"]
        if (author.pk, text) in existing:
            parent = comments_of(target).filter(user=author, comment=text).first()
        else:
            parent = moderation.post_comment(user=author, target=target, text=text, follow=False)
        for reply in comment.get("replies", ()):
            reply_author = users[reply["author"]]
            if (reply_author.pk, reply["text"]) in existing or not parent.is_public:
                continue
            moderation.post_comment(
                user=reply_author, target=target, text=reply["text"], parent=Comment.objects.get(pk=parent.pk)
            )


@demo_builder("discussions.topic")
def topic(ctx, *, parent, language, slug, title, topic_type, author, body, theme=None, comments=()):
    """A topic in one language under that language's topic space, with its thread."""
    page = child_page(
        ctx.pages[parent][language],
        TopicPage,
        slug,
        title=title,
        topic_type=topic_type,
        theme=ctx.shared.get("categories", {}).get(theme, {}).get(language),
        body=body,
        author=ctx.users.get(author),
    )
    _thread(page, comments, ctx.users)


@demo_builder("discussions.profile_thread")
def profile_thread(ctx, *, profile, comments):
    """A thread on the French page of a profile the directory made (skipped when it did not)."""
    pages = ctx.shared.get("profiles", {}).get(profile)
    if pages:
        _thread(pages["fr"], comments, ctx.users)
