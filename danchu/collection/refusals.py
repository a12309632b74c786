"""How the reporting rounds refuse: Vietnamese messages, and nothing stored."""

from __future__ import annotations

from danchu.analytics.validation import Violation


class RoundRefused(Exception):
    """An action on a round or a submission was refused; nothing was stored.

    `messages` are Vietnamese lines for people; `violations` holds the validation rule
    failures when the refusal came from the form's rules.
    """

    def __init__(self, messages: list[str] | str, violations: list[Violation] | None = None):
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.violations = violations or []
        super().__init__("\n".join(self.messages))


class RoundPermissionDenied(RoundRefused):
    """The user may see the unit but not do this on it (the API answers 403)."""


class SubmissionNotFound(RoundRefused):
    """No submission of that unit in the round, or one outside the user's subtree (the API
    answers 404 for both, so nothing leaks)."""
