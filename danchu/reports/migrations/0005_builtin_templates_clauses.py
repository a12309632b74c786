from django.db import migrations


def install(apps, schema_editor):
    """Refresh the built-in templates: footnote clauses whose figures have no value are left out
    ([? ] clauses) instead of reading "0"."""
    from danchu.reports.builtin import install as install_builtin

    install_builtin(apps)


class Migration(migrations.Migration):
    dependencies = [("reports", "0004_report_tree_date")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
