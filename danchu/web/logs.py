"""Logging filters for the web pages."""

from __future__ import annotations

import logging


class QuietRefusals(logging.Filter):
    """Keep Django's one-line warning for a 403/404 but drop the traceback: a refusal is an
    answer the application chose to give, not a fault to debug."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404):
            record.exc_info = None
            record.exc_text = None
        return True
