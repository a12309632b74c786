from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "danchu.registers"
    label = "registers"
    verbose_name = "Sổ theo dõi"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from danchu.values.services import ROW_GUARDS

        from .keeping import keeping_guard

        # each register app declares itself in its `register` module
        autodiscover_modules("register")
        # Hand entry of the figures a kept register feeds is refused on every write path.
        if keeping_guard not in ROW_GUARDS:
            ROW_GUARDS.append(keeping_guard)
