from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "danchu.analytics"
    label = "analytics"
