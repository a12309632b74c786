from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "danchu.analytics"
    label = "analytics"

    def ready(self) -> None:
        from danchu.units.loader import UNITS_CHANGED
        from danchu.values.writing import VALUES_WRITTEN

        from . import rollup

        # the rollup follows every write and every change of the tree, whichever path made it
        if rollup.on_values_written not in VALUES_WRITTEN:
            VALUES_WRITTEN.append(rollup.on_values_written)
        if rollup.on_units_changed not in UNITS_CHANGED:
            UNITS_CHANGED.append(rollup.on_units_changed)
