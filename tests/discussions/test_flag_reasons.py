"""Reporting a comment asks why; the moderators read every member's reason on the moderation desk."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django_comments.models import CommentFlag

from incommon_cms.accounts.factories import UserFactory
from incommon_cms.discussions import moderation
from incommon_cms.discussions.models import Comment, FlagReason

from .helpers import post

pytestmark = pytest.mark.django_db


def gettext_in(language, message):
    with translation.override(language):
        return translation.gettext(message)


def reported_section(html):
    start = html.index('id="desk-reported-comments"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def comment(client, profile, trusted):
    client.force_login(trusted)
    post(client, profile, "Commentaire douteux")
    client.logout()
    return Comment.objects.get()


@pytest.fixture
def reader(client):
    user = UserFactory(username="reader", first_name="Rita", last_name="Reader")
    client.force_login(user)
    return user


def test_the_form_offers_the_reasons(client, comment, reader):
    html = client.get(f"/fr/discussions/comments/{comment.pk}/report/").content.decode()
    assert f"<legend>{gettext_in('fr', 'Why are you reporting this comment?')}</legend>" in html
    for value in ("spam", "abuse", "personal_data", "off_topic", "other"):
        assert f'type="radio" name="reason" value="{value}"' in html
    assert '<textarea name="details"' in html


@pytest.mark.parametrize(
    "language, required", [("fr", "Champ requis."), ("nl", "Dit is een verplicht veld.")]
)  # fmt: skip
def test_a_report_without_reason_is_refused_and_keeps_the_typed_text(client, comment, reader, language, required):
    url = f"/{language}/{'discussions' if language == 'fr' else 'discussies'}/comments/{comment.pk}/report/"
    response = client.post(url, {"details": "Il insulte une bénévole <b>nommément</b>."})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<p class="error" id="id_reason_error" role="alert">{required}</p>' in html
    assert "Il insulte une bénévole &lt;b&gt;nommément&lt;/b&gt;.</textarea>" in html
    assert not CommentFlag.objects.exists() and not FlagReason.objects.exists()


def test_other_needs_words_of_ones_own(client, comment, reader):
    response = client.post(f"/fr/discussions/comments/{comment.pk}/report/", {"reason": "other", "details": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert gettext_in("fr", "Describe the problem in a few words.") in html
    assert 'value="other" required id="id_reason_4" checked' in html
    assert not CommentFlag.objects.exists()
    with pytest.raises(ValidationError):
        moderation.flag_comment(user=reader, comment=comment, reason="nonsense")
    assert not CommentFlag.objects.exists()


def test_each_reason_is_stored_and_shown_to_the_moderators(client, comment, reader, moderator):
    response = client.post(
        f"/fr/discussions/comments/{comment.pk}/report/", {"reason": "abuse", "details": "Insulte envers Rita."}
    )
    assert response.status_code == 302
    flag = CommentFlag.objects.get(comment=comment, user=reader)
    assert (flag.reason.reason, flag.reason.details) == (FlagReason.ABUSE, "Insulte envers Rita.")
    # Reporting again changes the member's reason: still one flag, one reason.
    client.post(f"/fr/discussions/comments/{comment.pk}/report/", {"reason": "personal_data", "details": ""})
    assert CommentFlag.objects.filter(comment=comment).count() == 1
    assert FlagReason.objects.get().reason == FlagReason.PERSONAL_DATA

    second = UserFactory(username="second")
    client.force_login(second)
    client.post(
        f"/fr/discussions/comments/{comment.pk}/report/", {"reason": "other", "details": "Il cite mon adresse."}
    )

    client.force_login(moderator)
    reported = reported_section(client.get("/fr/gouvernance/moderation/").content.decode())
    assert "Commentaire douteux" in reported and "2 signalements" in reported
    assert f"<strong>{gettext_in('fr', 'Personal data')}</strong>" in reported
    assert f"<strong>{gettext_in('fr', 'Other')}</strong> – Il cite mon adresse." in reported
    assert "Insulte envers Rita." not in reported

    # Once a moderator keeps the comment, those reports are dealt with and leave the desk.
    response = client.post(
        f"/fr/discussions/comments/{comment.pk}/moderate/",
        {"action": "approve", "reason": "Rien de personnel", "section": "reported_comments"},
    )
    assert response["Location"] == "/fr/gouvernance/moderation/#desk-reported-comments"
    reported = reported_section(client.get(response["Location"]).content.decode())
    assert "Commentaire douteux" not in reported and "Il cite mon adresse." not in reported


def test_reasons_go_with_their_comment(comment, reader):
    moderation.flag_comment(user=reader, comment=comment, reason="spam")
    assert FlagReason.objects.count() == 1
    comment.delete()
    assert not FlagReason.objects.exists()
