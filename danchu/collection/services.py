"""Reporting rounds: the one code path that the web pages, the API and the commands call.

Every function that changes something takes the acting `user` (None = the command line /
the system, allowed everything) and raises `RoundRefused` with Vietnamese messages when it
refuses; nothing is written then. Changes are logged through `danchu.audit` and, for
submissions, as `SubmissionEvent` rows.

The code lives in `rounds` (opening, closing, finding within scope), `submissions` (a
submission's life), `completeness` and `locks` (submitted and approved figures); callers
import from here.
"""

from .completeness import completeness
from .locks import (
    LOCKING,
    Lock,
    approved_values_q,
    lock_guard,
    locks,
    mark_approved,
    period_lock,
    writing_for,
)
from .refusals import RoundPermissionDenied, RoundRefused, SubmissionNotFound
from .rounds import (
    close_round,
    deadline_warning,
    get_submission,
    open_round,
    rounds_for,
    submissions_for,
    units_asked,
    units_taken,
)
from .submissions import (
    SubmitResult,
    approve,
    export_template,
    reopen,
    return_submission,
    save_draft,
    submit,
    submit_file,
)

__all__ = [
    "LOCKING",
    "Lock",
    "RoundPermissionDenied",
    "RoundRefused",
    "SubmissionNotFound",
    "SubmitResult",
    "approve",
    "approved_values_q",
    "close_round",
    "completeness",
    "deadline_warning",
    "export_template",
    "get_submission",
    "lock_guard",
    "locks",
    "mark_approved",
    "open_round",
    "period_lock",
    "reopen",
    "return_submission",
    "rounds_for",
    "save_draft",
    "submissions_for",
    "submit",
    "submit_file",
    "units_asked",
    "units_taken",
    "writing_for",
]
