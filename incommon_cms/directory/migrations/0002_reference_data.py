from django.db import migrations


def load(apps, schema_editor):
    from incommon_cms.directory.reference_data import load_reference_data

    load_reference_data(apps.get_model("directory", "Commune"), apps.get_model("directory", "Postcode"))


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
