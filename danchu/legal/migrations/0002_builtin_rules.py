from django.db import migrations


def install(apps, schema_editor):
    from danchu.legal.builtin import install as install_builtin

    install_builtin(apps)


class Migration(migrations.Migration):
    dependencies = [("legal", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
