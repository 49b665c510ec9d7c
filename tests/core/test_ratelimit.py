import pytest
from django import forms
from django.test import RequestFactory

from incommon_cms.core.honeypot import HoneypotMixin
from incommon_cms.core.ratelimit import allow_request


def test_rate_limit_allows_up_to_the_limit_per_ip():
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    request.user = None
    results = [allow_request(request, "report", limit=3, period=60) for _ in range(5)]
    assert results == [True, True, True, False, False]
    other = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2")
    other.user = None
    assert allow_request(other, "report", limit=3, period=60)


class ContactForm(HoneypotMixin, forms.Form):
    message = forms.CharField()


@pytest.mark.parametrize(("trap", "valid"), [("", True), ("http://spam.example", False)])
def test_honeypot_rejects_filled_trap(trap, valid):
    form = ContactForm({"message": "Bonjour", "website_url": trap})
    assert form.is_valid() is valid
