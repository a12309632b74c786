from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "danchu.collection"
    label = "collection"
