from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "danchu.catalog"
    label = "catalog"
