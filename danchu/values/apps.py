from django.apps import AppConfig


class ValuesConfig(AppConfig):
    name = "danchu.values"
    label = "values"
