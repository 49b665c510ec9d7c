"""One login lockout for every way of checking a password.

allauth's login form counts failed attempts in `ACCOUNT_RATE_LIMITS["login_failed"]` (per client address and per
login) and, once a limit is reached, refuses even the right password with a translated message. Django's
`authenticate()` is also reached without allauth: Wagtail's admin login, Django's admin login, Wagtail's login for
private pages, the HTTP Basic authentication Django REST framework accepts on the API schema and docs, and any view
added later. Each of them would let an attacker go on guessing where allauth has locked them out.

Two layers close them:

- the admin and private-page login URLs redirect to allauth's login page (`accounts.views.login_redirect`), so that
  people meet one login form, in their language, with the lockout's message;
- `LoginLockoutBackend`, first in `AUTHENTICATION_BACKENDS`, refuses any password check from a locked-out address or
  for a locked-out login before another backend looks at the password, and `count_failed_login` (connected to
  `user_login_failed`) counts the failures made outside allauth in allauth's own counters. This is the layer that
  leaves no path open: every password check goes through `django.contrib.auth.authenticate`, whatever URL received
  it, so a path nobody thought of is locked out too. The redirects alone would leave the API's Basic authentication
  and any future login view open.

Inside allauth's flow (`AccountAdapter.authenticate`) allauth checks and counts the attempt itself; `allauth_flow()`
marks it so that the attempt is neither refused nor counted twice.

The counters are allauth's (`allauth.core.internal.ratelimit`, pinned in requirements.txt): the same keys, the
same periods, and the same reset when a password is reset.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from allauth.account.adapter import get_adapter
from allauth.core.internal import ratelimit
from django.core.exceptions import PermissionDenied

ACTION = "login_failed"

_inside_allauth = ContextVar("incommon_allauth_login", default=False)


@contextmanager
def allauth_flow():
    """Mark the password checks made inside the block as counted by allauth itself."""
    token = _inside_allauth.set(True)
    try:
        yield
    finally:
        _inside_allauth.reset(token)


def _watched(request, credentials):
    """True for a password check made outside allauth's flow, on a request (the lockout needs its address)."""
    return request is not None and "password" in credentials and not _inside_allauth.get()


def _login_key(request, credentials):
    """allauth's per-login key: the site's domain and the login typed (e-mail or username), lower-cased."""
    login = credentials.get("email") or credentials.get("username") or ""
    return get_adapter(request)._get_login_attempts_cache_key(request, email=str(login))


def _consume(request, credentials, dry_run):
    return ratelimit.consume(
        request,
        app="allauth.account",
        action=ACTION,
        key=_login_key(request, credentials),
        dry_run=dry_run,
        limit_get=True,
    )


def is_locked_out(request, credentials):
    """True when allauth's login lockout refuses this address or this login right now (nothing is counted)."""
    return not _consume(request, credentials, dry_run=True)


class LoginLockoutBackend:
    """Refuses every password check while the address or the login is locked out; authenticates nobody itself.

    Raising PermissionDenied makes `authenticate()` stop before the next backends check the password, so that even
    the right password is refused, as on allauth's form. It has no `get_user` and no permission methods on purpose:
    Django then never records it as the backend of a session (`Client.force_login` takes the first backend that has
    `get_user`) nor asks it about permissions.
    """

    def authenticate(self, request, **credentials):
        if _watched(request, credentials) and is_locked_out(request, credentials):
            raise PermissionDenied
        return None


def count_failed_login(sender, credentials, request=None, **kwargs):
    """`user_login_failed` receiver: a failure outside allauth's flow counts towards the same lockout."""
    if _watched(request, credentials):
        _consume(request, credentials, dry_run=False)
