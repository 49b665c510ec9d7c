"""The strict Content-Security-Policy blocks nothing the site needs: Chromium reports no violation."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def watch_violations(page):
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.fulfill(status=204))
    return violations


def test_public_pages_and_admin_run_under_the_policy(world, browser_page):
    page = browser_page
    violations = watch_violations(page)
    page.goto("/fr/")
    page.goto(world.directory.url)
    expect(page.locator("#directory-map.map-ready")).to_be_visible()
    page.goto(world.a.url)
    page.goto(world.event.url)
    page.goto(world.agenda.url)
    page.goto("/embed/map/")
    expect(page.locator("#directory-map.map-ready")).to_be_visible()
    assert violations == [], "\n".join(violations)

    # The admin's login page sends people to allauth's, which brings them back to the admin.
    page.goto("/admin/login/")
    page.wait_for_url(re.compile(r"/fr/accounts/login/\?next=%2Fadmin%2F$"))
    page.fill("input[name=login]", world.users["admin"].email)
    page.fill("input[name=password]", "correct-horse-battery")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/{world.a.pk}/edit/")
    expect(page.locator("form#page-edit-form")).to_be_visible()
    page.goto("/fr/")
    expect(page.locator("wagtail-userbar, [data-wagtail-userbar]").first).to_be_attached()
    assert violations == [], "\n".join(violations)
