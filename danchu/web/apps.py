from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "danchu.web"
    label = "web"
