"""The diff moderators vote on (`governance.diffs` and `governance/includes/diff.html`) shows what the public will see."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from agenda.models import EventPage
from incommon_cms.core.text import text_to_html
from incommon_cms.directory.factories import CategoryFactory
from incommon_cms.directory.models import AlternativePage
from incommon_cms.governance import diffs
from incommon_cms.governance.decisions import record_decision
from incommon_cms.governance.models import Decision

pytestmark = pytest.mark.django_db

TRICKY = (
    "L'équipe d'un \"collectif\" <b>x</b> & co 🌱🚲\nsur deux lignes\n\nSecond paragraphe <script>alert(1)</script>"
)
NORTH_EAST_120_M = (50.85 + 0.000763, 4.35 + 0.001209)


def live(page):
    return AlternativePage.objects.get(pk=page.pk)


def row_for(rows, name):
    (row,) = [row for row in rows if row.name == name]
    return row


def new_cell(html, field):
    """The HTML of the "After" cell of one field's row."""
    row = re.search(rf'<tr data-field="{field}">(.*?)</tr>', html, re.S).group(1)
    return re.search(r'<td class="change-diff-new">(.*?)</td>', row, re.S).group(1)


def test_rich_text_is_shown_as_escaped_paragraphs_never_stripped(profiles):
    page = profiles["communa"]
    proposed = live(page)
    proposed.description = text_to_html(TRICKY)
    row = row_for(diffs.field_diff(page, proposed), "description")
    assert row.old.kind == "empty"
    assert row.new.kind == "paragraphs"
    assert row.new.items == (
        "L'équipe d'un \"collectif\" <b>x</b> & co 🌱🚲\nsur deux lignes",
        "Second paragraphe <script>alert(1)</script>",
    )
    with translation.override("en"):
        html = render_to_string("governance/includes/diff.html", {"rows": [row]})
    cell = new_cell(html, "description")
    assert cell.count("<p>") == 2
    assert (
        "<p>L&#x27;équipe d&#x27;un &quot;collectif&quot; &lt;b&gt;x&lt;/b&gt; &amp; co 🌱🚲<br>sur deux lignes</p>"
        in cell
    )
    assert "<p>Second paragraphe &lt;script&gt;alert(1)&lt;/script&gt;</p>" in cell
    assert "<script>" not in html and "<b>x</b>" not in html and "&amp;lt;" not in html and "&amp;#x27;" not in html
    assert "<ins>" in cell and 'class="change-diff-label">After</span>' in cell


def test_plain_text_keeps_its_line_breaks_and_is_escaped_once(profiles):
    page = profiles["communa"]
    proposed = live(page)
    proposed.opening_hours = 'Lundi <9h> & "mardi"\nMercredi d\'été'
    row = row_for(diffs.field_diff(page, proposed), "opening_hours")
    assert (row.old.kind, row.old.text) == ("text", "Lundi 9h–17h")
    assert row.new.text == 'Lundi <9h> & "mardi"\nMercredi d\'été'
    with translation.override("en"):
        html = render_to_string("governance/includes/diff.html", {"rows": [row]})
    assert "<del>" in html and 'class="change-diff-label">Before</span>' in html
    assert "Lundi &lt;9h&gt; &amp; &quot;mardi&quot;<br>Mercredi d&#x27;été" in new_cell(html, "opening_hours")


def test_links_from_the_admin_editor_show_their_address(profiles):
    page = profiles["communa"]
    proposed = live(page)
    proposed.description = (
        '<p data-block-key="a1">Voir <b>notre</b> <a href="https://communa.example/x?a=1&amp;b=2">site</a>.</p>'
    )
    row = row_for(diffs.field_diff(page, proposed), "description")
    assert row.new.items == ("Voir notre site (https://communa.example/x?a=1&b=2).",)


def test_a_moved_position_is_a_distance_and_a_direction(profiles):
    page = profiles["communa"]
    before, after = live(page), live(page)
    before.set_point(50.85, 4.35)
    after.set_point(*NORTH_EAST_120_M)
    with translation.override("en"):
        row = row_for(diffs.field_diff(before, after), "location")
        assert row.label == "location on the map"
        assert row.new.text == "Moved 120 m to the north-east"
        assert (row.old.coordinates, row.new.coordinates) == ("50.85000, 4.35000", "50.85076, 4.35121")
        html = render_to_string("governance/includes/diff.html", {"rows": [row]})
    assert "SRID" not in html and "POINT" not in html
    assert "Moved 120 m to the north-east" in new_cell(html, "location")

    after.set_point(50.85 - 0.018, 4.35)  # 2 km to the south
    with translation.override("en"):
        assert row_for(diffs.field_diff(before, after), "location").new.text == "Moved 2.0 km to the south"
        before.location, before.latitude, before.longitude = "", None, None
        assert row_for(diffs.field_diff(before, after), "location").new.text == "New position"
        assert row_for(diffs.field_diff(after, before), "location").new.text == "Position removed"
        assert row_for(diffs.field_diff(after, before), "location").new.coordinates == ""


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [("fr", "5 mars 2026", "1 mai 2026 20:30"), ("nl", "5 maart 2026", "1 mei 2026 20:30")],
)
def test_dates_follow_the_readers_language_and_time_zone(profiles, language, day, moment):
    page = profiles["communa"]
    proposed = live(page)
    proposed.last_verified = datetime.date(2026, 3, 5)
    event = EventPage(title="Fête", start=datetime.datetime(2026, 5, 1, 18, 30, tzinfo=datetime.UTC))
    with translation.override(language):
        assert row_for(diffs.field_diff(page, proposed), "last_verified").new.text == day
        assert diffs.display_value(event, EventPage._meta.get_field("start")).text == moment


def test_categories_tags_choices_booleans_and_links_are_readable(profiles, locales):
    food = CategoryFactory(name="Alimentation", slug="food", locale=locales["fr"])
    voeding = food.copy_for_translation(locales["nl"])
    voeding.name = "Voeding"
    voeding.save()
    housing = CategoryFactory(name="Logement", slug="housing", locale=locales["fr"])
    page = profiles["communa"]
    proposed = live(page)
    proposed.categories = [food, housing]
    proposed.kind = "cooperative"
    proposed.email_private = False
    proposed.website = "https://communa.example/"
    proposed.social_links = "https://social.example/@communa\nhttps://video.example/communa"
    proposed.languages = ["fr", "nl"]
    with translation.override("nl"):
        rows = diffs.field_diff(page, proposed)
        html = render_to_string("governance/includes/diff.html", {"rows": rows})
    assert row_for(rows, "categories").new.items == ("Logement", "Voeding")  # Logement has no Dutch version
    assert "<li>Voeding</li>" in new_cell(html, "categories")
    assert row_for(rows, "kind").new.text == "Coöperatie"
    assert (row_for(rows, "email_private").old.text, row_for(rows, "email_private").new.text) == ("Ja", "Nee")
    assert row_for(rows, "website").new == diffs.DiffValue("links", items=("https://communa.example/",))
    assert row_for(rows, "social_links").new.items == (
        "https://social.example/@communa",
        "https://video.example/communa",
    )
    assert row_for(rows, "languages").new.items == ("Frans", "Nederlands")
    with translation.override("fr"):
        assert row_for(diffs.field_diff(page, proposed), "categories").new.items == ("Alimentation", "Logement")


def test_private_values_stay_masked_in_the_rendered_diff(profiles):
    page = profiles["communa"]
    proposed = live(page)
    proposed.email = "new-secret@communa.example"
    html = render_to_string("governance/includes/diff.html", {"rows": diffs.field_diff(page, proposed)})
    assert "secret" not in html and html.count("•••") == 2
    html = render_to_string(
        "governance/includes/diff.html", {"rows": diffs.field_diff(page, proposed, show_private=True)}
    )
    assert "contact-secret@communa.example" in html and "new-secret@communa.example" in html


def test_the_dashboard_panel_renders_the_diff_include(client, profiles, people, submit):
    submit(profiles["communa"], people["editor"], description=text_to_html(TRICKY))
    client.force_login(people["moderator"])
    html = client.get("/admin/").content.decode()
    assert 'class="change-diff"' in html
    assert "Second paragraphe &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;lt;" not in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/fr/gouvernance/journal/",
            "Champs modifiés : rue et numéro, emplacement sur la carte, heures d&#x27;ouverture, gone",
        ),
        ("/nl/bestuur/logboek/", "Gewijzigde velden: straat en nummer, plaats op de kaart, openingsuren, gone"),
    ],
)
def test_the_public_log_names_changed_fields_in_the_readers_language(client, homes, profiles, people, url, expected):
    record_decision(
        action=Decision.APPROVE,
        actor=people["moderator"],
        target=profiles["communa"],
        details={"fields": ["street_address", "location", "opening_hours", "gone"]},
    )
    html = client.get(url).content.decode()
    assert expected in html
    assert "street_address" not in html and "opening_hours" not in html


def test_a_recurrence_rule_is_shown_as_the_agenda_describes_it():
    """The agenda registers how its `rrule` field reads (`register_field_display`); governance does not import it."""
    field = EventPage._meta.get_field("rrule")
    event = EventPage(title="Atelier", rrule="FREQ=WEEKLY;BYDAY=MO,WE")
    with translation.override("en"):
        value = diffs.display_value(event, field)
    assert (value.kind, value.text) == ("text", "every week on Monday, Wednesday")
