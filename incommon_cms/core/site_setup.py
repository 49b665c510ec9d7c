"""The minimal site every install needs: the fr/nl/en locales, the root collection and a French home page as the
default site's root.

Migration `core.0002_initial_site` does the same with historical models on a new database; this version runs
with the live models (after a database flush, or to repair an install).
"""

from wagtail.models import Collection, Locale, Page, Site

from .models import HomePage


def ensure_default_site():
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in ("fr", "nl", "en")}
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = HomePage.objects.filter(locale=locales["fr"], depth=2).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root", locale=locales["fr"])
        home = root.add_child(instance=HomePage(title="In Common", slug="accueil", locale=locales["fr"]))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "In Common"},
    )
    return home
