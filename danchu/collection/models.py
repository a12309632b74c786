"""Reporting rounds: a form asked of a set of units for a period, and each unit's submission.

A round ("đợt báo cáo") asks every unit of a subtree at given tiers or unit types to report a
form for a period by a deadline. Each asked unit has one `Submission` that moves
draft → submitted → approved, or is returned with a reason and submitted again; every step
is a `SubmissionEvent` (who, when, why). Approval locks the submission's values until it is
reopened. The behaviour lives in `danchu.collection.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from danchu.catalog.models import Form
from danchu.units.models import Unit
from danchu.units.scope import VIEW, ScopedQuerySet, scope_q
from danchu.values import periods


class RoundQuerySet(ScopedQuerySet):
    unit_path = "under__path"
    unit_field = "under"

    def restrict(self, user, role: str = VIEW) -> RoundQuerySet:
        """Rounds opened under the user's subtrees, or asking a unit in them."""
        asking = Submission.objects.restrict(user, role).values("round_id")
        return self.filter(Q(scope_q(user, role, self.unit_path)) | Q(pk__in=asking))


class Round(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Đang mở"
        CLOSED = "closed", "Đã đóng"

    form = models.ForeignKey(Form, on_delete=models.PROTECT, related_name="rounds", verbose_name="biểu mẫu")
    period = models.CharField("kỳ báo cáo", max_length=30)
    # The period's dates, kept beside the code so the lock and reports can filter in SQL.
    start = models.DateField()
    end = models.DateField()
    under = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="rounds_under", verbose_name="đơn vị chủ trì"
    )
    # Comma-separated tier codes (e.g. "xa") and unit types (e.g. "co_quan"); a unit is asked
    # when it matches every non-empty list.
    tiers = models.CharField("cấp được yêu cầu", max_length=100, blank=True)
    unit_types = models.CharField("loại đơn vị được yêu cầu", max_length=300, blank=True)
    title = models.CharField("tên đợt", max_length=300, blank=True)
    deadline = models.DateField("hạn nộp")
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField("mở lúc", default=timezone.now)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = "đợt báo cáo"
        verbose_name_plural = "đợt báo cáo"

    def __str__(self) -> str:
        return self.title or self.default_title()

    def default_title(self) -> str:
        return f"{self.form.name} — kỳ {self.period} — {self.under.name}"

    def get_period(self) -> periods.Period:
        return periods.parse(self.period)

    def tier_list(self) -> list[str]:
        return [t for t in self.tiers.split(",") if t]

    def unit_type_list(self) -> list[str]:
        return [t for t in self.unit_types.split(",") if t]


def person(user, fallback: str = "") -> str:
    """How pages name a user: the full name when set (Vietnamese order: family name, i.e.
    `last_name`, first), else the username."""
    if user is None:
        return fallback
    full = " ".join(p for p in (user.last_name.strip(), user.first_name.strip()) if p)
    return full or user.get_username()


class Submission(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Chưa nộp"
        SUBMITTED = "submitted", "Đã nộp"
        APPROVED = "approved", "Đã phê duyệt"
        # A returned submission is a draft with the approver's reason: the unit fixes and resubmits.
        RETURNED = "returned", "Bị trả lại"

    EDITABLE = (State.DRAFT, State.RETURNED, State.SUBMITTED)

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="submissions")
    state = models.CharField("trạng thái", max_length=10, choices=State.choices, default=State.DRAFT)
    first_submitted_at = models.DateTimeField("nộp lần đầu", null=True, blank=True)
    submitted_at = models.DateTimeField("nộp gần nhất", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.CharField("giải trình", max_length=2000, blank=True)
    decided_at = models.DateTimeField("phê duyệt/trả lại lúc", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_reason = models.CharField("lý do trả lại", max_length=2000, blank=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        ordering = ["round", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="submission_unique_unit")]
        indexes = [models.Index(fields=["state", "unit"], name="submission_state_idx")]
        verbose_name = "bài nộp"
        verbose_name_plural = "bài nộp"

    def __str__(self) -> str:
        return f"{self.unit.name} — {self.get_state_display()} (đợt {self.round_id})"

    @property
    def decided_by_name(self) -> str:
        return person(self.decided_by)

    @property
    def is_locked(self) -> bool:
        return self.state == self.State.APPROVED

    def is_late(self) -> bool | None:
        """None before the first submission; otherwise whether it came after the deadline day."""
        if self.first_submitted_at is None:
            return None
        return timezone.localdate(self.first_submitted_at) > self.round.deadline


class SubmissionEvent(models.Model):
    class Action(models.TextChoices):
        SUBMIT = "submit", "Nộp"
        APPROVE = "approve", "Phê duyệt"
        RETURN = "return", "Trả lại"
        REOPEN = "reopen", "Mở lại"

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    from_state = models.CharField(max_length=10, choices=Submission.State.choices)
    to_state = models.CharField(max_length=10, choices=Submission.State.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # Kept when the user is deleted; "cli" etc. for actions without a user.
    user_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField("lý do / giải trình", max_length=2000, blank=True)

    class Meta:
        ordering = ["submission", "at", "pk"]
        verbose_name = "lịch sử bài nộp"

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M} — {self.user_name}"

    @property
    def who(self) -> str:
        """The acting user's full name when set, else the name kept at the time."""
        return person(self.user, self.user_name)
