from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danchu.accounts"
    label = "accounts"

    def ready(self) -> None:
        from danchu.units import scope

        from .permissions import root_paths

        # who sees which subtree: asked by every queryset's restrict(), which lives below accounts
        scope.register_roots(root_paths)
