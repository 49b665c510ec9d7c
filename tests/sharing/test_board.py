"""The offers and needs board: posting through moderation, the public list and its filters, suggestions, answers
relayed by e-mail, closing into the collective's history, expiry reminders."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from incommon_cms.governance.models import Decision
from incommon_cms.sharing import board, moderation
from incommon_cms.sharing.models import Answer, Listing, Moderated

pytestmark = pytest.mark.django_db


def _new_listing_data(profile, category, **overrides):
    data = {
        "profile": profile.pk,
        "kind": "need",
        "category": category.pk,
        "commune": "",
        "title_fr": "Besoin d'un·e graphiste <flyer> & affiche",
        "title_nl": "",
        "description_fr": "Pour notre fête de quartier.\nDeux jours de travail.",
        "description_nl": "",
        "quantity": "2 jours",
        "expires_on": (timezone.localdate() + datetime.timedelta(days=20)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_member_posts_a_need_that_waits_for_moderators_then_appears(
    client, people, more_moderators, profiles, categories
):
    client.force_login(people["potager"])
    response = client.post(reverse("sharing:listing_new"), _new_listing_data(profiles["potager"], categories["design"]))
    listing = Listing.objects.get()
    assert response.status_code == 302
    assert listing.status == Moderated.PENDING and listing.created_by == people["potager"]

    client.logout()
    board_page = client.get(reverse("sharing:board")).content.decode()
    assert "graphiste" not in board_page
    assert client.get(listing.get_absolute_url()).status_code == 404

    moderation.decide(listing, people["moderator"], action="approve")
    assert "graphiste" not in client.get(reverse("sharing:board")).content.decode()
    assert client.get(listing.get_absolute_url()).status_code == 404
    moderation.decide(listing, more_moderators["elsewhere"], action="approve")
    page = client.get(reverse("sharing:board")).content.decode()
    assert "Besoin d&#x27;un·e graphiste &lt;flyer&gt; &amp; affiche" in page
    decision = Decision.objects.get()
    assert decision.action == Decision.APPROVE and decision.profile.pk == profiles["potager"].pk
    assert decision.target_url == listing.get_absolute_url()
    log = client.get(reverse("governance:log")).content.decode()
    assert "Besoin d&#x27;un·e graphiste" in log


def test_the_form_keeps_what_was_typed_and_explains_errors_in_the_readers_language(
    client, people, profiles, categories
):
    client.force_login(people["potager"])
    data = _new_listing_data(
        profiles["potager"],
        categories["design"],
        title_fr="",
        description_fr="Mon texte à garder",
        expires_on="2000-01-01",
    )
    with override("nl"):
        url = reverse("sharing:listing_new")
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mon texte à garder" in html
    assert Listing.objects.count() == 0
    with override("nl"):
        from django.utils.translation import gettext

        assert gettext("Choose a date from today on.") in html
        assert gettext("Give a title in French or in Dutch (or both).") in html


def test_only_a_member_of_the_collective_may_post_for_it(client, people, profiles, categories):
    client.force_login(people["atelier"])
    response = client.post(reverse("sharing:listing_new"), _new_listing_data(profiles["potager"], categories["design"]))
    assert response.status_code == 200
    assert Listing.objects.count() == 0
    with pytest.raises(PermissionDenied):
        board.save_listing(
            Listing(
                profile=profiles["potager"],
                kind="need",
                category=categories["design"],
                title_fr="x",
                expires_on=timezone.localdate(),
            ),
            people["atelier"],
        )


def test_a_change_to_a_published_listing_goes_back_to_the_moderators(client, people, profiles, make_listing):
    listing = make_listing(profiles["potager"], "need")
    client.force_login(people["potager"])
    data = _new_listing_data(profiles["potager"], listing.category, title_fr="Nouveau titre")
    del data["profile"]
    client.post(reverse("sharing:listing_edit", args=[listing.pk]), data)
    listing.refresh_from_db()
    assert listing.title_fr == "Nouveau titre" and listing.status == Moderated.PENDING


def test_rejection_needs_a_reason_and_no_self_moderation(people, profiles, make_listing):
    listing = make_listing(profiles["potager"], "need", status=Moderated.PENDING)
    with pytest.raises(PermissionDenied):
        moderation.decide(listing, people["moderator_own"], action="approve")
    with pytest.raises(PermissionDenied):
        moderation.decide(listing, people["atelier"], action="approve")
    with pytest.raises(ValidationError):
        moderation.decide(listing, people["moderator"], action="reject", reason=" ")
    moderation.decide(listing, people["moderator"], action="reject", reason="Hors sujet")
    listing.refresh_from_db()
    assert listing.status == Moderated.REJECTED
    assert Decision.objects.get().reason == "Hors sujet"
    assert "Hors sujet" in mail.outbox[-1].body


def test_filters_kind_category_commune_and_bilingual_titles(client, profiles, communes, make_listing):
    make_listing(profiles["potager"], "need", title_fr="Besoin graphiste", title_nl="Grafisch ontwerper gezocht")
    make_listing(profiles["atelier"], "offer", commune=communes["ixelles"], title_fr="Offre graphisme")
    make_listing(
        profiles["other"], "offer", category="mobility", commune=communes["saint_gilles"], title_fr="Vélo cargo"
    )
    make_listing(
        profiles["other"], "offer", title_fr="Expirée", expires_on=timezone.localdate() - datetime.timedelta(1)
    )

    def titles(query, language="fr"):
        with override(language):
            html = client.get(reverse("sharing:board") + query).content.decode()
        return [
            t
            for t in ("Besoin graphiste", "Grafisch ontwerper gezocht", "Offre graphisme", "Vélo cargo", "Expirée")
            if t in html
        ]

    assert titles("") == ["Besoin graphiste", "Offre graphisme", "Vélo cargo"]
    assert titles("", "nl") == ["Grafisch ontwerper gezocht", "Offre graphisme", "Vélo cargo"]
    assert titles("?kind=offer") == ["Offre graphisme", "Vélo cargo"]
    assert titles("?category=mobilite") == ["Vélo cargo"]
    # A listing for the whole of Brussels is in every commune.
    assert titles(f"?commune={communes['ixelles'].nis_code}") == ["Besoin graphiste", "Offre graphisme"]
    assert client.get(reverse("sharing:board") + "?kind=gift").status_code == 400


def test_suggestions_are_shown_to_both_sides(client, people, profiles, communes, make_listing):
    need = make_listing(profiles["potager"], "need", commune=communes["ixelles"], title_fr="Besoin graphiste")
    offer = make_listing(profiles["atelier"], "offer", title_fr="Offre graphisme")
    far = make_listing(
        profiles["other"], "offer", commune=communes["saint_gilles"], title_fr="Graphisme à Saint-Gilles"
    )
    other_theme = make_listing(profiles["other"], "offer", category="mobility", title_fr="Vélo cargo")
    own = make_listing(profiles["potager"], "offer", title_fr="Notre propre offre")

    assert board.suggestions(need) == [offer]
    assert need in board.suggestions(offer)
    assert far not in board.suggestions(need) and other_theme not in board.suggestions(need)
    assert own not in board.suggestions(need)

    client.force_login(people["atelier"])
    mine = client.get(reverse("sharing:mine")).content.decode()
    assert "Suggested matches" in mine or "Correspondances suggérées" in mine
    assert "Besoin graphiste" in mine
    page = client.get(need.get_absolute_url()).content.decode()
    assert "Offre graphisme" in page


def test_an_answer_is_relayed_by_email_without_showing_addresses(client, people, profiles, make_listing):
    need = make_listing(profiles["potager"], "need", title_fr="Besoin graphiste")
    client.force_login(people["atelier"])
    page = client.get(need.get_absolute_url()).content.decode()
    assert people["potager"].email not in page
    response = client.post(
        reverse("sharing:listing_answer", args=[need.pk]),
        {"profile": profiles["atelier"].pk, "body": "Nous pouvons aider : « oui » & <volontiers>"},
    )
    assert response.status_code == 302
    answer = Answer.objects.get()
    assert answer.author_profile.pk == profiles["atelier"].pk
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["potager"].email, people["moderator_own"].email])
    message = mail.outbox[0]
    assert "Nous pouvons aider : « oui » & <volontiers>" in message.body
    assert people["atelier"].email not in message.body and "&amp;" not in message.body
    assert f"#answer-{answer.pk}" in message.body

    client.force_login(people["potager"])
    page = client.get(need.get_absolute_url()).content.decode()
    assert people["atelier"].email not in page
    assert "Nous pouvons aider" in page
    client.post(reverse("sharing:answer_reply", args=[answer.pk]), {"body": "Merci, appelons-nous."})
    assert mail.outbox[-1].to == [people["atelier"].email]
    assert "Merci, appelons-nous." in mail.outbox[-1].body
    assert people["potager"].email not in mail.outbox[-1].body


def test_owners_cannot_answer_their_own_listing_and_visitors_cannot_answer(client, people, profiles, make_listing):
    need = make_listing(profiles["potager"], "need")
    with pytest.raises(PermissionDenied):
        board.answer(need, people["potager"], body="x")
    with pytest.raises(PermissionDenied):
        board.answer(need, people["signed_in"], body="x")
    response = client.post(reverse("sharing:listing_answer", args=[need.pk]), {"body": "x"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert Answer.objects.count() == 0


def test_closed_listings_stay_in_the_collectives_history(client, people, profiles, make_listing):
    need = make_listing(profiles["potager"], "need", title_fr="Besoin graphiste")
    client.force_login(people["potager"])
    client.post(reverse("sharing:listing_close", args=[need.pk]), {"met": "on"})
    need.refresh_from_db()
    assert need.state == Listing.CLOSED and need.met
    client.logout()
    assert "Besoin graphiste" not in client.get(reverse("sharing:board")).content.decode()
    profile_page = client.get(profiles["potager"].url).content.decode()
    assert "Besoin graphiste" in profile_page
    assert board.needs_met_by_theme() == {"graphisme": 1}


def test_owners_are_reminded_once_before_expiry_and_may_renew(client, people, profiles, make_listing):
    soon = make_listing(profiles["potager"], "need", expires_on=timezone.localdate() + datetime.timedelta(days=3))
    make_listing(profiles["potager"], "offer", expires_on=timezone.localdate() + datetime.timedelta(days=60))
    assert board.remind_expiring() == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people["potager"].email, people["moderator_own"].email])
    assert board.remind_expiring() == 0
    client.force_login(people["potager"])
    new_date = timezone.localdate() + datetime.timedelta(days=40)
    client.post(reverse("sharing:listing_renew", args=[soon.pk]), {"expires_on": new_date.isoformat()})
    soon.refresh_from_db()
    assert soon.expires_on == new_date and soon.reminded_at is None


def test_the_moderation_desk_lists_pending_listings_and_rooms_and_decides_them(
    client, people, more_moderators, profiles, make_listing, rooms
):
    listing = make_listing(profiles["potager"], "need", status=Moderated.PENDING, title_fr="Besoin à modérer")
    rooms["petite"].status = Moderated.PENDING
    rooms["petite"].save()
    client.force_login(people["moderator_own"])
    desk = client.get(reverse("governance:queue")).content.decode()
    assert "Besoin à modérer" in desk and "Petite salle" in desk
    assert reverse("sharing:moderate", args=["listing", listing.pk]) not in desk  # own collective: no buttons
    client.force_login(people["moderator"])
    desk = client.get(reverse("governance:queue")).content.decode()
    assert reverse("sharing:moderate", args=["listing", listing.pk]) in desk
    response = client.post(
        reverse("sharing:moderate", args=["listing", listing.pk]), {"action": "reject", "reason": ""}
    )
    listing.refresh_from_db()
    assert listing.status == Moderated.PENDING
    assert "desk-sharing" in response["Location"]
    room_action = reverse("sharing:moderate", args=["room", rooms["petite"].pk])
    client.post(room_action, {"action": "approve", "reason": ""})
    rooms["petite"].refresh_from_db()
    assert rooms["petite"].status == Moderated.PENDING
    desk = client.get(reverse("governance:queue")).content.decode()
    assert room_action not in desk  # one vote per moderator and version
    assert f"{people['moderator'].display_name} (Radio Panik)" in desk
    client.force_login(more_moderators["elsewhere"])
    client.post(room_action, {"action": "approve", "reason": ""})
    rooms["petite"].refresh_from_db()
    assert rooms["petite"].status == Moderated.PUBLISHED
    assert Decision.objects.get().target_title == "Petite salle – Maison de quartier"


def test_categories_are_offered_once_in_the_readers_language(client, people, categories, locales):
    dutch = categories["design"].copy_for_translation(locales["nl"])
    dutch.name = "Grafisch ontwerp"
    dutch.save()
    client.force_login(people["potager"])
    with override("nl"):
        html = client.get(reverse("sharing:listing_new")).content.decode()
    assert "Grafisch ontwerp" in html and ">Graphisme<" not in html and "Mobilité" in html
    with override("fr"):
        html = client.get(reverse("sharing:listing_new")).content.decode()
    assert ">Graphisme<" in html and "Grafisch ontwerp" not in html


def test_the_home_page_shows_the_latest_open_listings(client, profiles, make_listing, home_fr):
    make_listing(profiles["potager"], "need", title_fr="Besoin en vitrine")
    make_listing(profiles["atelier"], "offer", title_fr="Offre en attente", status=Moderated.PENDING)
    html = client.get(home_fr.url).content.decode()
    assert "Besoin en vitrine" in html and "Offre en attente" not in html
    assert reverse("sharing:board") in html
