from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "danchu.collection"
    label = "collection"
    verbose_name = "Đợt báo cáo"

    def ready(self) -> None:
        from danchu.values.services import ROW_GUARDS

        from .locks import lock_guard

        # Approved values are locked for every write path (web, API, import_values) at once.
        if lock_guard not in ROW_GUARDS:
            ROW_GUARDS.append(lock_guard)
