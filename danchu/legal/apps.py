from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "danchu.legal"
    label = "legal"
    verbose_name = "Quy định pháp luật và lịch làm việc"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import calendar, clocks
        from .models import AnnouncedDay, Holiday, Rule

        def forget(**kwargs):
            calendar.clear_cache()
            clocks.clear_cache()

        for model in (AnnouncedDay, Holiday, Rule):
            post_save.connect(forget, sender=model, dispatch_uid=f"legal-calendar-{model.__name__}-save")
            post_delete.connect(forget, sender=model, dispatch_uid=f"legal-calendar-{model.__name__}-del")
