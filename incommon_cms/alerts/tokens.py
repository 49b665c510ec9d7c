"""Signed links of the alerts: nothing about a subscription can be changed without one.

- confirm: sent to the address; carries the subscription and the frequency and language asked for, so that nothing
  changes (and nothing is sent) before the owner of the address clicked it. Valid for `CONFIRM_DAYS`.
- manage: the page listing every subscription of an address. Valid for `MANAGE_DAYS` (each e-mail carries a new one).
- unsubscribe: one subscription, no expiry (RFC 8058 one-click links must keep working).
"""

import datetime

from django.core import signing

CONFIRM_DAYS = 7
MANAGE_DAYS = 60


def confirm_token(subscription, frequency, language):
    return signing.dumps({"s": subscription.pk, "f": frequency, "l": language}, salt="alerts.confirm", compress=True)


def read_confirm_token(token):
    """The payload, or raise signing.SignatureExpired / signing.BadSignature."""
    return signing.loads(token, salt="alerts.confirm", max_age=datetime.timedelta(days=CONFIRM_DAYS))


def manage_token(email):
    return signing.dumps(email.lower(), salt="alerts.manage", compress=True)


def read_manage_token(token):
    return signing.loads(token, salt="alerts.manage", max_age=datetime.timedelta(days=MANAGE_DAYS))


def unsubscribe_token(subscription):
    return signing.dumps(subscription.pk, salt="alerts.unsubscribe")


def read_unsubscribe_token(token):
    return signing.loads(token, salt="alerts.unsubscribe")
