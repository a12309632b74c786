from django.db import migrations


def install(apps, schema_editor):
    from danchu.reports.builtin import install as install_builtin

    install_builtin(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial"), ("catalog", "0002_builtin_catalog")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
