import uuid

from django.db import migrations


def create_site(apps, schema_editor):
    """The fr, nl and en locales and a French home page as the root of the default site."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("core.HomePage")

    fr, _ = Locale.objects.get_or_create(language_code="fr")
    for code in ("nl", "en"):
        Locale.objects.get_or_create(language_code=code)

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()
    if HomePage.objects.exists():
        return
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="core")
    root = Page.objects.get(depth=1)
    home = HomePage.objects.create(
        title="In Common",
        draft_title="In Common",
        slug="accueil",
        content_type=home_type,
        path=f"{root.path}{(root.numchild + 1):04d}",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=fr,
        translation_key=uuid.uuid4(),
        live=True,
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "In Common"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_site, migrations.RunPython.noop)]
