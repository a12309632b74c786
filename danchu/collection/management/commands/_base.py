"""What the round commands share: finding the round, output, and refusals as non-zero exits."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from danchu.cli import add_user_option, get_user
from danchu.collection.models import Round
from danchu.collection.services import RoundRefused


class RoundCommand(BaseCommand):
    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        add_user_option(parser)
        return parser

    def acting_user(self, options):
        return get_user(options.get("user"))

    def get_round(self, pk) -> Round:
        rnd = Round.objects.select_related("form", "under").filter(pk=pk).first()
        if rnd is None:
            raise CommandError(f"Không có đợt báo cáo số {pk} (xem `danchu list_rounds`)")
        return rnd

    def refuse(self, exc: RoundRefused, what: str) -> CommandError:
        for line in exc.messages:
            self.stderr.write(line)
        return CommandError(f"{what}: không thực hiện, không có gì được ghi.")
