"""In a real browser with JavaScript switched off: sign in, reply in a topic's thread, see the nested reply."""

import pytest

from incommon_cms.discussions.models import Comment

from .helpers import post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_member_replies_without_javascript(_browser, live_server, client, topic, trusted, moderator):
    client.force_login(moderator)
    post(client, topic, "Nous avons une camionnette le mardi.")
    first = Comment.objects.get()

    context = _browser.new_context(base_url=live_server.url, java_script_enabled=False, locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"/fr/accounts/login/?next={topic.url}")
        page.locator("input[name=login]").fill(trusted.email)
        page.locator("input[name=password]").fill("correct-horse-battery")
        page.locator("form button[type=submit]").last.click()
        page.wait_for_url(f"**{topic.url}")

        page.locator(f"#c{first.pk} summary").click()
        form = page.locator(f"#c{first.pk} form.comment-form")
        form.get_by_label("Votre commentaire").fill("Super, *merci* !")
        form.get_by_role("button", name="Envoyer la réponse").click()

        reply = Comment.objects.get(parent_id=first.pk, level=1)
        page.wait_for_url(f"**{topic.url}#c{reply.pk}")
        nested = page.locator(f"#c{first.pk} .comment-replies #c{reply.pk} .comment-body em")
        assert nested.inner_text() == "merci"
        assert "Votre commentaire est publié." in page.locator(".messages").inner_text()
    finally:
        context.close()
