"""Pages of the common data, whose publication is decided collectively.

The page models of the common data (profiles, events, tool sheets, knowledge items) carry `GovernedPageMixin`; the
index pages that hold them carry `GovernedIndexMixin`, because publishing a new child there is the same decision.
Wagtail asks a page for a permission tester before every publish, unpublish, delete, move or copy, from every path
(the editor, bulk actions, revisions, the copy and move views, `Revision.publish()` with a user): these mixins answer
with the tester that the governance app registers from its `AppConfig.ready()`. Core itself knows no rule, and without
a registered tester Wagtail's own applies.
"""

from wagtail.models import PagePermissionTester

_tester_class = PagePermissionTester


def register_permission_tester(tester_class):
    """Called once by the app that decides publication (governance)."""
    global _tester_class
    _tester_class = tester_class


class GovernedMixin:
    governed_content = False
    governed_children = False

    def permissions_for_user(self, user):
        return _tester_class(user, self)


class GovernedPageMixin(GovernedMixin):
    """Common data: goes live, changes or leaves the public site only through a recorded decision."""

    governed_content = True


class GovernedIndexMixin(GovernedMixin):
    """An index of common data: its own text is editorial, its children are governed."""

    governed_children = True


def is_governed(page):
    """True for a page of the common data, whatever class the instance at hand is (a base `Page` included)."""
    return bool(getattr(page.specific_class, "governed_content", False))
