"""Posting through the real form, as a browser does."""

import re

from incommon_cms.discussions.forms import CommentForm
from incommon_cms.discussions.threads import thread_target


def comment_data(target, text, reply_to=0, followup=True):
    form = CommentForm(thread_target(target))
    data = {name: str(value) for name, value in form.initial.items()}
    data.update({"comment": text, "reply_to": str(reply_to), "website_url": ""})
    if followup:
        data["followup"] = "on"
    return data


def post(client, target, text, **kwargs):
    return client.post("/fr/discussions/comments/post/", comment_data(target, text, **kwargs))


def comment_ids(html):
    return [int(pk) for pk in re.findall(r'<li class="comment [^"]*" id="c(\d+)"', html)]


def elements(html_fragment):
    """(tag, attributes) of every element in an HTML fragment, as a browser would build them."""
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collector().feed(html_fragment)
    return found
