from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danchu.registers.petitions"
    label = "petitions"
    verbose_name = "Sổ tiếp nhận, xử lý đơn"
