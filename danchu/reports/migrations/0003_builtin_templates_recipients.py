from django.db import migrations


def install(apps, schema_editor):
    """Refresh the built-in templates: the seed's recipients (adapted from the unit), the
    superior bodies in the State layout, the issuer in the appendix subtitle, the tiers of
    the reception footnote."""
    from danchu.reports.builtin import install as install_builtin

    install_builtin(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_builtin_templates")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
