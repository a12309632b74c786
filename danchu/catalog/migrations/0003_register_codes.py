from django.db import migrations


def install(apps, schema_editor):
    from danchu.catalog.builtin import install as install_builtin

    install_builtin(apps)


class Migration(migrations.Migration):
    """The registers' extra figures (DON_DONDOC, VV_KETQUA, …) join the national catalogue."""

    dependencies = [("catalog", "0002_builtin_catalog")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
