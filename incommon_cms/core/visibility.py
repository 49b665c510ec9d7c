"""Which page a reader may see when a URL names it by id.

Public views that take a page id from the path or the query string (the decision log's `?profile=`, the report form's
`?page=`, a claim...) print the page's title. A draft (a proposal not approved yet, a page withdrawn) or a private
page must not give its title away through them: these views look the page up with `visible_page` and answer as if it
did not exist (404, or the id ignored), so that nobody can tell a draft from a missing page either.
"""

from wagtail.models import Page

MAX_ID_DIGITS = 18  # anything longer is no database id (and would overflow a bigint on PostgreSQL)


def visible_page(request, pk, queryset=None):
    """The live page `pk` from `queryset` (default: every page) if its view restrictions let this reader see it,
    else None. `pk` may come straight from the query string: anything but digits gives None."""
    pk = str(pk or "")
    if not (pk.isascii() and pk.isdigit()) or len(pk) > MAX_ID_DIGITS:
        return None
    queryset = Page.objects.all() if queryset is None else queryset
    page = queryset.live().filter(pk=int(pk)).first()
    if page is None:
        return None
    if any(not restriction.accept_request(request) for restriction in page.get_view_restrictions()):
        return None
    return page
