"""PostgreSQL text search configurations for the database search backend: French, Dutch and English stemming with
accent folding (unaccent), and an accent-folding configuration without stemming for autocompletion.

Nothing happens on other databases. Without the unaccent extension the configurations still stem, accents kept.
"""

from django.db import migrations, transaction

#: name: (configuration copied, dictionary placed after unaccent); see incommon_cms/search/backends/database.py
TEXT_SEARCH_CONFIGURATIONS = {
    "incommon_fr": ("french", "french_stem"),
    "incommon_nl": ("dutch", "dutch_stem"),
    "incommon_en": ("english", "english_stem"),
    "incommon_simple": ("simple", "simple"),
}


def create_configurations(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            unaccent = True
        except Exception:  # no permission or extension not shipped: stemming only
            unaccent = False
        for name, (parser_copy, dictionary) in TEXT_SEARCH_CONFIGURATIONS.items():
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parser_copy})")
            dictionaries = f"unaccent, {dictionary}" if unaccent else dictionary
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} "
                f"ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH {dictionaries}"
            )


def drop_configurations(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in TEXT_SEARCH_CONFIGURATIONS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_configurations, drop_configurations)]
