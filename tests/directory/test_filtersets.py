"""The directory's FilterSet: what it accepts, how it reads repeated values, and its reasons for refusing."""

import pytest
from django.http import QueryDict
from django.utils import translation

from incommon_cms.directory.filtersets import ProfileFilters, ProfileFilterSet
from incommon_cms.directory.models import ProfilePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def filterset(query):
    return ProfileFilterSet(QueryDict(query), queryset=ProfilePage.objects.all())


def test_single_values_take_the_first_of_repeated_or_comma_separated_ones():
    checked = filterset("kind=asbl,cooperative&type=place&type=alternative&freshness=,stale")
    assert checked.is_valid()
    assert checked.cleaned() == ProfileFilters(kind="asbl", type="place", freshness="stale")


def test_refused_values_each_get_a_reason_and_the_valid_ones_are_kept():
    checked = filterset("kind=castle&type=place&freshness=rotten&bbox=1,2,3&q=" + "x" * 201)
    assert not checked.is_valid()
    assert checked.reasons() == {
        "kind": "Unknown kind “castle”.",
        "q": "The search text is too long (at most 200 characters).",
        "freshness": "Unknown freshness “rotten”: use fresh or stale.",
        "bbox": "The bounding box needs four numbers: min longitude, min latitude, max longitude, max latitude.",
    }
    assert checked.cleaned() == ProfileFilters(type="place")


def test_a_value_with_a_percent_sign_is_quoted_in_its_reason_not_interpreted(client):
    checked = filterset("kind=100%25&commune=%25(x)s")
    assert checked.reasons() == {
        "kind": "Unknown kind “100%”.",
        "commune": "Unknown commune “%(x)s”: use its NIS code, for example 21004.",
    }
    response = client.get("/api/v1/profiles/?kind=100%25", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"kind": ["Unknown kind “100%”."]}


def test_as_params_round_trips_through_the_filterset():
    checked = filterset("q=pain&bbox=4.3,50.8,4.4,50.9&freshness=fresh")
    params = checked.cleaned().as_params()
    assert params == [("q", "pain"), ("freshness", "fresh"), ("bbox", "4.3,50.8,4.4,50.9")]
    query = QueryDict(mutable=True)
    for name, value in params:
        query.appendlist(name, value)
    assert filterset(query.urlencode()).cleaned() == checked.cleaned()
