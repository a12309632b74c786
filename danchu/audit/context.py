"""Who is changing data right now: set by the web middleware, the API and commands."""

from __future__ import annotations

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class ChangeContext:
    user: object | None = None
    source: str = "cli"
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))


_current: contextvars.ContextVar[ChangeContext | None] = contextvars.ContextVar("danchu_change", default=None)


def current() -> ChangeContext:
    ctx = _current.get()
    return ctx if ctx is not None else ChangeContext()


@contextmanager
def acting(user=None, source: str = "cli", request_id: str | None = None):
    ctx = ChangeContext(user=user, source=source, request_id=request_id or str(uuid.uuid4()))
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
