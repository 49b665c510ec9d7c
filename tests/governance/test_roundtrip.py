"""What members write is what the public reads: written in an editor, reopened, approved by two moderators of two
other collectives, the text is the same on the published page, in the open API and in the plain-text e-mails.

Every text holds the characters that break naive conversions: quotes, `<` `>`, `&`, emoji and line breaks.
"""

import datetime
import html
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from agenda.factories import AgendaIndexPageFactory
from agenda.models import EventPage
from incommon_cms.core.demo_utils import translation as translated
from incommon_cms.core.text import html_to_text, text_to_html
from incommon_cms.directory.models import AlternativePage
from incommon_cms.governance import moderation
from incommon_cms.governance.workflows import ensure_default_workflow
from toolbox.factories import ToolboxIndexPageFactory, ToolPageFactory
from toolbox.models import ToolPage

pytestmark = pytest.mark.django_db

TEXTS = {
    "fr": {
        "title": "Communa d'Ixelles & <co> 🏠",
        "short": 'Vélo d\'un "club" <i>&</i> 🚲',
        "text": "L'atelier d'un \"collectif\" <b>gras</b> & <script>alert('x')</script> 🌱🚲\n"
        "Deuxième ligne : 3 > 2 < 4\n\nSecond paragraphe « ok » & fin 👋",
        "hours": 'Lundi <10h> & "mardi"\nMercredi d\'été 🌞',
        "reason": "Merci de vérifier l'adresse & le texte « <b>gras</b> » 🙏",
    },
    "nl": {
        "title": 'Communa \'t "Huis" & <co> 🏠',
        "short": 'Fiets van \'t "clubje" <i>&</i> 🚲',
        "text": "Het atelier van 't \"collectief\" <b>vet</b> & <script>alert('x')</script> 🌱🚲\n"
        "Tweede regel: 3 > 2 < 4\n\nTweede alinea 'ok' & einde 👋",
        "hours": 'Maandag <10u> & "dinsdag"\nWoensdag \'s zomers 🌞',
        "reason": "Gelieve het adres & de tekst '<b>vet</b>' na te kijken 🙏",
    },
}
ENTITY_RE = re.compile(r"&(#x?[0-9a-fA-F]+|[a-zA-Z]+);")
DAY = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()


def text(response):
    return response.content.decode()


def textarea(page_html, name):
    """What a browser shows in a textarea (the newline Django writes after the opening tag is not content)."""
    match = re.search(rf'<textarea[^>]*\sname="{name}"[^>]*>\n?(.*?)</textarea>', page_html, re.S)
    return html.unescape(match.group(1)).replace("\r\n", "\n")


def form_data(page_html, marker):
    """Every field of the form holding `marker` (a field name), as a browser would send it (CRLF line ends)."""
    form = next(f for f in BeautifulSoup(page_html, "html.parser").find_all("form") if f.find(attrs={"name": marker}))
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.name == "select":
            data[name] = [o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")]
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "textarea":
            data[name] = field.text.removeprefix("\n").replace("\n", "\r\n")
        else:
            data[name] = field.get("value", "")
    return data


def escaped_once(page_html, value):
    """Each line of `value` is in the page escaped exactly once, never twice."""
    for line in value.replace("\n\n", "\n").split("\n"):
        assert html.escape(line) in page_html, line
    for twice in ("&amp;lt;", "&amp;gt;", "&amp;#x27;", "&amp;quot;", "&amp;amp;"):
        assert twice not in page_html


def prose(page_html):
    """The plain text of the page's main rich text (`.prose`)."""
    return html_to_text(str(BeautifulSoup(page_html, "html.parser").select_one(".prose")))


def assert_plain_mails(outbox, author, *expected):
    """The author's plain-text mails carry no HTML entity; the "changes requested" one quotes `expected` as typed."""
    messages = [message for message in outbox if message.to == [author.email]]
    for message in messages:
        for part in (message.subject, message.body):
            assert not ENTITY_RE.search(part), part
    (ours,) = [message for message in messages if message.subject.startswith(settings.EMAIL_SUBJECT_PREFIX)]
    for value in expected:
        assert value in ours.subject + "\n" + ours.body


def lf(value):
    return value.replace("\r\n", "\n")


def in_progress(page):
    return WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)


def approve_by_two_collectives(state, people):
    moderation.approve(state.current_task_state, people["moderator"])
    moderation.approve(state.current_task_state, people["moderator_other"])


def api(client, path, language):
    response = client.get(f"/api/v1/{path}/?lang={language}", HTTP_ACCEPT="application/json")
    assert response.status_code == 200, text(response)[:500]
    return json.loads(text(response))


# --- The conversion itself ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed", [texts["text"] for texts in TEXTS.values()] + ["&amp; &lt;b&gt; &#x27; déjà écrits", "a\n b"]
)
def test_text_to_html_escapes_once_and_html_to_text_gives_the_text_back(typed):
    stored = text_to_html(typed)
    assert "<b>" not in stored and "<script>" not in stored
    assert html_to_text(stored) == typed
    assert html_to_text(text_to_html(html_to_text(stored))) == typed


def test_html_to_text_reads_the_admin_editors_markup():
    stored = '<p data-block-key="a">Un <b>gras</b> d&#x27;abord<br>puis<br />la suite</p>\n<h2>Titre &amp; co</h2><ul><li>un</li><li>deux</li></ul>'
    assert html_to_text(stored) == "Un gras d'abord\npuis\nla suite\n\nTitre & co\n\nun\n\ndeux"
    assert text_to_html("un\r\ndeux\r\n\r\n\r\ntrois  ") == "<p>un<br/>deux</p><p>trois</p>"


# --- Profiles: the member editor ---------------------------------------------------------------------------------


@pytest.fixture
def profile_in(homes, directory, profiles):
    """The Communa profile in the language asked (the Dutch one a translation, edited by the same members)."""

    def get(language):
        if language == "fr":
            return profiles["communa"]
        translated(directory, "nl", title="Kaart", slug="kaart")
        page = translated(profiles["communa"], "nl", title="Communa", slug="communa")
        ensure_default_workflow()
        return page

    return get


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_profile_text_survives_the_member_editor_moderation_page_api_and_mail(client, profile_in, people, language):
    texts = TEXTS[language]
    page = profile_in(language)
    editor = people["editor"]
    editor.language = language
    editor.save()
    client.force_login(editor)
    with translation.override(language):
        url = reverse("governance:edit_profile", kwargs={"page_id": page.pk})

    # Written in the member editor...
    data = form_data(text(client.get(url)), "description")
    data.update(
        title=texts["title"],
        short_description=texts["short"],
        description=texts["text"],
        opening_hours=texts["hours"],
        save="1",
    )
    assert client.post(url, data).status_code == 302
    # ...reopened: the form holds exactly what was typed, not `d&#x27;un`...
    form_html = text(client.get(url))
    assert textarea(form_html, "description") == texts["text"]
    assert textarea(form_html, "opening_hours") == texts["hours"]
    assert html.unescape(re.search(r'name="short_description" value="([^"]*)"', form_html).group(1)) == texts["short"]
    assert "&amp;#x27;" not in form_html and "&amp;lt;" not in form_html
    # ...and sent again as the browser sends it (CRLF), unchanged: stored escaped once.
    data = form_data(form_html, "description")
    assert client.post(url, {**data, "save": "1"}).status_code == 302
    proposed = AlternativePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert proposed.description == text_to_html(texts["text"])
    assert html_to_text(proposed.description) == texts["text"]

    approve_by_two_collectives(in_progress(page), people)
    published = AlternativePage.objects.get(pk=page.pk)
    assert published.live and published.description == text_to_html(texts["text"])
    assert (published.title, published.short_description, published.opening_hours) == (
        texts["title"],
        texts["short"],
        texts["hours"],
    )

    # The published page: escaped once, paragraphs and line breaks kept.
    client.logout()
    page_html = text(client.get(published.url))
    for value in (texts["title"], texts["short"], texts["text"], texts["hours"]):
        escaped_once(page_html, value)
    assert prose(page_html) == texts["text"]
    assert "<script>alert" not in page_html and "<b>gras</b>" not in page_html and "<b>vet</b>" not in page_html

    # The open API: the same text (the description as HTML escaped once, the rest as typed).
    record = api(client, f"profiles/{page.pk}", language)
    assert (record["title"], record["short_description"], record["opening_hours"]) == (
        texts["title"],
        texts["short"],
        texts["hours"],
    )
    assert record["description"] == text_to_html(texts["text"])
    assert html_to_text(record["description"]) == texts["text"]

    # A rejection: the plain-text mail quotes the reason and names the page as typed, without HTML entities.
    client.force_login(editor)
    data = form_data(text(client.get(url)), "description")
    assert client.post(url, {**data, "short_description": "Autre chose", "save": "1"}).status_code == 302
    mail.outbox.clear()
    moderation.reject(in_progress(page).current_task_state, people["moderator"], comment=texts["reason"])
    assert_plain_mails(mail.outbox, editor, texts["reason"], texts["title"])
    # Reopened after the rejection, the editor still holds the text exactly.
    assert textarea(text(client.get(url)), "description") == texts["text"]


# --- Events: the member's submission form --------------------------------------------------------------------------


@pytest.fixture
def agenda(homes):
    index = AgendaIndexPageFactory(parent=homes["fr"], title="Agenda partagé", slug="agenda")
    translated(index, "nl", title="Gedeelde agenda", slug="agenda")
    ensure_default_workflow()
    return index


def event_data(texts, organiser):
    return {
        "organiser": organiser.pk,
        "title": texts["title"],
        "summary": texts["short"],
        "description": texts["text"].replace("\n", "\r\n"),
        "start_date": DAY,
        "start_time": "18:00",
        "end_time": "21:00",
        "street_address": "Rue Haute 10, 1000 Bruxelles",
        "repeat": "",
    }


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_an_event_text_survives_the_submission_form_moderation_page_api_and_mail(
    client, agenda, profiles, people, language
):
    texts = TEXTS[language]
    editor = people["editor"]
    editor.language = language
    editor.save()
    client.force_login(editor)
    with translation.override(language):
        url = reverse("agenda_submit")
    data = event_data(texts, profiles["communa"])

    # The form given back (here with a missing start time) holds exactly what was typed.
    form_html = text(client.post(url, {**data, "start_time": ""}))
    assert textarea(form_html, "description") == texts["text"]
    assert html.unescape(re.search(r'name="summary" value="([^"]*)"', form_html).group(1)) == texts["short"]
    assert not EventPage.objects.exists()

    assert client.post(url, data).status_code == 302
    event = EventPage.objects.get()
    assert event.locale.language_code == language and not event.live
    assert event.description == text_to_html(texts["text"])
    approve_by_two_collectives(in_progress(event), people)
    event = EventPage.objects.get()
    assert event.live and (event.title, event.summary) == (texts["title"], texts["short"])

    client.logout()
    page_html = text(client.get(event.url))
    for value in (texts["title"], texts["short"], texts["text"]):
        escaped_once(page_html, value)
    assert prose(page_html) == texts["text"]
    assert "<script>alert" not in page_html

    record = api(client, f"events/{event.pk}", language)
    assert (record["title"], record["summary"]) == (texts["title"], texts["short"])
    assert html_to_text(record["description"]) == texts["text"]

    # A second submission sent back with a reason: the author's plain-text mail quotes it as written.
    client.force_login(editor)
    assert (
        client.post(url, {**data, "start_date": (datetime.date.fromisoformat(DAY) + datetime.timedelta(1))}).status_code
        == 302
    )
    second = EventPage.objects.exclude(pk=event.pk).get()
    mail.outbox.clear()
    moderation.reject(in_progress(second).current_task_state, people["moderator"], comment=texts["reason"])
    assert_plain_mails(mail.outbox, editor, texts["reason"], texts["title"])


# --- Tool sheets: no member editor, the Wagtail admin editor -------------------------------------------------------


def draftail(value):
    """What Draftail sends for text typed in it: one block per paragraph, soft line breaks inside a block."""
    blocks = [
        {"key": f"k{n}", "text": part, "type": "unstyled", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}
        for n, part in enumerate(value.split("\n\n"))
    ]
    return json.dumps({"blocks": blocks, "entityMap": {}})


@pytest.fixture
def tool_in(home_fr, homes):
    def get(language):
        index = ToolboxIndexPageFactory(parent=home_fr)
        tool = ToolPageFactory(parent=index, title="Budget participatif", slug="budget", summary="Une fiche.")
        if language == "nl":
            translated(index, "nl", title="Gereedschapskist", slug="gereedschapskist")
            tool = translated(tool, "nl", title="Participatief budget", slug="budget")
        ensure_default_workflow()
        return tool

    return get


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_a_tool_sheet_text_survives_the_admin_editor_moderation_page_and_api(client, tool_in, people, language):
    texts = TEXTS[language]
    tool = tool_in(language)
    admin = people["site_admin"]
    client.force_login(admin)
    edit_url = f"/admin/pages/{tool.pk}/edit/"
    data = form_data(text(client.get(edit_url)), "summary")
    data.update(title=texts["title"], summary=texts["short"], prerequisites=texts["hours"].replace("\n", "\r\n"))
    data.update(nested_form_data({"body": streamfield([("paragraph", draftail(texts["text"]))])}))
    response = client.post(edit_url, {**data, "action-submit": "1"})
    assert response.status_code == 302, text(response)[:2000]
    assert textarea(text(client.get(edit_url)), "prerequisites") == texts["hours"]

    approve_by_two_collectives(in_progress(tool), people)
    tool = ToolPage.objects.get(pk=tool.pk)
    # The Wagtail admin keeps the line ends the browser sends (CRLF): the same text, line by line.
    assert tool.live and (tool.title, tool.summary, lf(tool.prerequisites)) == (
        texts["title"],
        texts["short"],
        texts["hours"],
    )

    client.logout()
    page_html = text(client.get(tool.url))
    for value in (texts["title"], texts["short"], texts["hours"]):
        escaped_once(page_html, value)
    assert prose(page_html) == texts["text"]
    assert "<script>alert" not in page_html and "&amp;lt;" not in page_html

    record = api(client, f"tools/{tool.pk}", language)
    assert (record["title"], record["summary"], lf(record["prerequisites"])) == (
        texts["title"],
        texts["short"],
        texts["hours"],
    )
    assert html_to_text(record["body"]) == texts["text"]
