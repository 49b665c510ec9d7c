"""The figures of the ecosystem page, computed on a known directory and compared number by number."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from wagtail.models import Revision

from incommon_cms.directory.models import ProfilePage
from incommon_cms.ecosystem import figures
from incommon_cms.ecosystem.models import FigureSnapshot
from incommon_cms.governance.models import Decision

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 12, 0))


def rows(figure):
    return {row["key"]: row["values"] for row in figure["rows"]}


@pytest.fixture
def history(known_data, directory_index):
    """Publication dates, revisions, decisions and comments at known dates."""
    alpha = known_data["alpha"]
    for name, when in [
        ("alpha", at(2026, 10, 5)),
        ("alpha_nl", at(2026, 10, 20)),
        ("beta", at(2025, 1, 5)),
        ("place", at(2026, 6, 2)),
        ("shop", at(2025, 12, 3)),
    ]:
        ProfilePage.objects.filter(pk=known_data[name].pk).update(first_published_at=when)
    Revision.objects.update(created_at=at(2024, 1, 1))
    for when in (at(2026, 10, 10), at(2026, 10, 11), at(2026, 11, 2)):
        revision = alpha.save_revision()
        Revision.objects.filter(pk=revision.pk).update(created_at=when)
    index_revision = directory_index.save_revision()
    Revision.objects.filter(pk=index_revision.pk).update(created_at=at(2026, 11, 2))
    for action, when in [
        (Decision.APPROVE, at(2026, 10, 12)),
        (Decision.AUTO_APPROVE, at(2026, 11, 3)),
        (Decision.REJECT, at(2026, 11, 3)),
        (Decision.APPROVE, at(2025, 11, 20)),
    ]:
        decision = Decision.objects.create(action=action, target_title="Alpha")
        Decision.objects.filter(pk=decision.pk).update(created_at=when)
    content_type = ContentType.objects.get_for_model(alpha)
    for when, removed in [(at(2026, 11, 4), False), (at(2026, 11, 5), True), (at(2026, 9, 1), False)]:
        XtdComment.objects.create(
            content_type=content_type,
            object_pk=str(alpha.pk),
            site_id=1,
            user_name="Ana",
            comment="Bravo",
            submit_date=when,
            is_removed=removed,
        )
    return known_data


def test_totals_count_each_live_collective_once(known_data):
    figure = figures.totals()
    assert rows(figure) == {"alternative": [3], "place": [1], "good_address": [1]}
    assert figure["total"] == 5
    assert [row["label"]["fr"] for row in figure["rows"]] == ["Alternatives", "Lieux", "Bonnes adresses"]
    assert figure["rows"][1]["label"]["nl"] == "Ruimtes"


def test_by_category_with_labels_in_every_language(known_data):
    figure = figures.by_category()
    assert [(row["key"], row["values"]) for row in figure["rows"]] == [("food", [2]), ("housing", [2])]
    food, housing = figure["rows"]
    assert food["label"] == {"fr": "Alimentation", "nl": "Voeding", "en": "Alimentation"}
    assert housing["label"]["nl"] == "Logement"


def test_by_kind_lists_every_kind_and_the_profiles_without_one(known_data):
    assert rows(figures.by_kind()) == {
        "asbl": [2],
        "de-facto-association": [0],
        "cooperative": [1],
        "alternative-shop": [0],
        "citizen-collective": [0],
        "independent": [0],
        "network": [0],
        "": [2],
    }


def test_by_commune_covers_the_19_communes(known_data):
    figure = figures.by_commune()
    counts = rows(figure)
    assert len(counts) == 19
    assert counts["21004"] == [2]
    assert counts["21009"] == [2]
    assert counts["21013"] == [1]
    assert sum(values[0] for values in counts.values()) == 5
    ixelles = next(row for row in figure["rows"] if row["key"] == "21009")
    assert ixelles["label"] == {"fr": "Ixelles", "nl": "Elsene", "en": "Ixelles"}


def test_freshness_shares(known_data, today):
    figure = figures.freshness(today)
    assert rows(figure) == {"recent": [3], "old": [1], "never": [1]}
    assert figure["total"] == 5
    assert figure["share_verified"] == 60.0


def test_contributions_per_month(history, today):
    figure = figures.contributions_per_month(today)
    months = [row["key"] for row in figure["rows"]]
    assert months == [f"2025-{m}" for m in ("12",)] + [f"2026-{m:02d}" for m in range(1, 12)]
    values = rows(figure)
    # edits, approvals, new profiles, comments
    assert values["2026-11"] == [1, 1, 0, 1]
    assert values["2026-10"] == [2, 1, 1, 0]
    assert values["2026-09"] == [0, 0, 0, 1]
    assert values["2026-06"] == [0, 0, 1, 0]
    assert values["2025-12"] == [0, 0, 1, 0]
    assert sum(sum(v) for v in values.values()) == 10
    october = next(row for row in figure["rows"] if row["key"] == "2026-10")
    assert october["label"] == {"fr": "octobre 2026", "nl": "oktober 2026", "en": "October 2026"}


def test_figures_of_missing_apps_are_marked_unavailable(known_data, today):
    events = figures.events_per_month(today)
    sources = figures.sources()
    # The agenda and the commons sources are optional: without them the figures say so instead of showing zeros.
    if figures._event_model() is None:
        assert events == {"available": False, "rows": []}
    else:
        assert len(events["rows"]) == 24
        assert events["rows"][0]["key"] == "2025-11" and events["rows"][-1]["key"] == "2027-10"
    if sources["available"]:
        assert sources["rows"][-1]["key"] == "platform"
    else:
        assert sources["rows"] == []


def test_sources_and_their_share(known_data, locales):
    from incommon_cms.ecosystem.commons_bridge import record_model

    records = record_model()
    if records is None:
        # Without the commons provenance there is nothing to count: the figure says so.
        assert figures.sources() == {"available": False, "rows": []}
        return
    source_model = records._meta.get_field("source").related_model
    sheet = source_model.objects.create(name="Tableur BRAL", kind="csv", locale=locales["fr"])
    gogo = source_model.objects.create(name="Carte GoGo", kind="gogocarto", locale=locales["fr"])
    source_model.objects.create(name="Vide", kind="csv", locale=locales["fr"])
    for source, page, external_id in [
        (sheet, known_data["alpha"], "1"),
        (sheet, known_data["alpha_nl"], "1-nl"),
        (sheet, known_data["beta"], "2"),
        (gogo, known_data["beta"], "b"),
    ]:
        records.objects.create(source=source, profile=page, external_id=external_id, content_hash="x")
    figure = figures.sources()
    assert [(row["label"]["fr"], row["values"]) for row in figure["rows"]] == [
        ("Tableur BRAL", [2, 40.0]),
        ("Carte GoGo", [1, 20.0]),
        ("Vide", [0, 0.0]),
        ("Saisies sur In Common", [3, 60.0]),
    ]


def test_store_all_replaces_the_snapshots(known_data, today):
    FigureSnapshot.objects.create(key="obsolete", data={}, computed_at=timezone.now())
    computed_at = figures.store_all(today)
    assert set(FigureSnapshot.objects.values_list("key", flat=True)) == {
        "totals",
        "by_category",
        "by_kind",
        "by_commune",
        "events_per_month",
        "contributions_per_month",
        "freshness",
        "sources",
    }
    assert FigureSnapshot.objects.get(key="totals").data["total"] == 5
    assert set(FigureSnapshot.objects.values_list("computed_at", flat=True)) == {computed_at}
    AlternativePage = type(known_data["alpha"])
    AlternativePage.objects.filter(pk=known_data["beta"].pk).update(live=False)
    figures.store_all(today)
    assert FigureSnapshot.objects.get(key="totals").data["total"] == 4
