from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danchu.accounts"
    label = "accounts"
