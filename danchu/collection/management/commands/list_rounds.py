from danchu.cli import dump_json, table
from danchu.collection.models import Round, Submission

from ._base import RoundCommand


class Command(RoundCommand):
    help = "Liệt kê các đợt báo cáo và tình hình nộp."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, format, **opts):
        rows = []
        for rnd in Round.objects.select_related("form", "under").order_by("pk"):
            states = list(rnd.submissions.values_list("state", flat=True))
            rows.append(
                {
                    "round": rnd.pk,
                    "form": rnd.form.code,
                    "period": rnd.period,
                    "under": rnd.under.code,
                    "tiers": rnd.tiers,
                    "unit_types": rnd.unit_types,
                    "deadline": rnd.deadline.isoformat(),
                    "status": rnd.status,
                    "expected": len(states),
                    "submitted": sum(
                        s in (Submission.State.SUBMITTED, Submission.State.APPROVED) for s in states
                    ),
                    "approved": states.count(Submission.State.APPROVED),
                    "title": str(rnd),
                }
            )
        if format == "json":
            self.stdout.write(dump_json({"rounds": rows}))
        else:
            cols = [
                "round",
                "form",
                "period",
                "under",
                "tiers",
                "deadline",
                "status",
                "expected",
                "submitted",
                "approved",
            ]
            self.stdout.write(table(rows, cols))
