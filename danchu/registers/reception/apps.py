from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "danchu.registers.reception"
    label = "reception"
    verbose_name = "Sổ tiếp công dân"
