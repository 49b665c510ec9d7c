"""Take the screenshots of the moderator guide (docs/img/) from a running demo site, in Chromium.

    make demo && .venv/bin/python manage.py runserver 127.0.0.1:8000 &
    .venv/bin/python docs/screenshots.py [--base-url http://127.0.0.1:8000]

It logs in as the demo moderators (French- and Dutch-speaking), opens the moderation desk at desktop and phone
sizes, and crops the change awaiting a vote (the diff) and the public decision log.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

IMG = Path(__file__).resolve().parent / "img"
PASSWORD = "demo-incommon-2026"  # noqa: S105 - the demo's printed password (incommon_cms/core/demo.py)
MODERATORS = {"fr": "moderatrice.amina@incommon.localhost", "nl": "moderator.pieter@incommon.localhost"}
DESK = {"fr": "/fr/gouvernance/moderation/", "nl": "/nl/bestuur/moderatie/"}
LOG = {"fr": "/fr/gouvernance/journal/", "nl": "/nl/bestuur/logboek/"}
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def log_in(page, language):
    page.goto(f"/{language}/accounts/login/")
    page.fill("input[name=login]", MODERATORS[language])
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    IMG.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=options.chromium, args=["--headless=new", "--no-sandbox"])
        for language in ("fr", "nl"):
            for size, viewport in SIZES.items():
                context = browser.new_context(base_url=options.base_url, viewport=viewport, locale=f"{language}-BE")
                page = context.new_page()
                log_in(page, language)
                page.goto(DESK[language])
                page.screenshot(path=str(IMG / f"desk-{language}-{size}.png"), full_page=size == "phone")
                if size == "desktop":
                    change = page.locator("li.desk-item[id^=change-]").filter(has_text="Communa").first
                    change.screenshot(path=str(IMG / f"diff-{language}.png"))
                    page.goto(LOG[language])
                    page.screenshot(path=str(IMG / f"log-{language}.png"))
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
