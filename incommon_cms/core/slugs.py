"""One way to name a new page: its title as a slug, made free among its future siblings.

Every page created by code (a member's proposal, a submitted or imported event, an imported profile, a topic) gets
its slug here, so the rule is the same everywhere: the slugified text cut to `max_length` (without a dangling
hyphen), `fallback` when nothing is left (a title of only punctuation or emoji), then Wagtail's
`find_available_slug` adds `-1`, `-2`... if a sibling already has it.
"""

from django.utils.text import slugify
from wagtail.coreutils import find_available_slug

MAX_LENGTH = 70


def unique_slug(parent, text, *, fallback, max_length=MAX_LENGTH):
    """A slug for a new child of `parent` made from `text`, unused by the other children of `parent`."""
    base = slugify(text)[:max_length].strip("-") or fallback
    return find_available_slug(parent, base)
