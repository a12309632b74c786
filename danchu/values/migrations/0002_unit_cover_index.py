# The sums of a subtree read their rows from this index alone (see docs/performance.md).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("values", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="datavalue",
            name="value_unit_idx",
        ),
        migrations.AddIndex(
            model_name="datavalue",
            index=models.Index(
                fields=["unit", "start", "end", "element", "dimensions", "value"], name="value_unit_cover_idx"
            ),
        ),
    ]
