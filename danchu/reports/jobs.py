"""Compiling a report in the background, with progress the web page polls.

A job compiles one report into one format in a thread of the web process and writes its
state (step, total, message) as a small JSON file next to the output under
`VAR_DIR/bao-cao/<report id>/`, so a status request served by any process of the same
machine reads it. One job at a time per report: asking again while one runs returns it.
The thread opens its own database connection and closes it when done.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection

from .compile import CompileError, compile_report
from .models import Report
from .pdf import PdfError
from .render import FORMATS, render

# which values a report counts: every value, approved ones only, or every value with the
# figures that include unapproved values marked (approval comes from danchu.collection)
VALUE_MODES = {
    "tat-ca": "Tất cả số liệu đã nhập",
    "da-duyet": "Chỉ số liệu đã được duyệt",
    "danh-dau": "Tất cả, đánh dấu * số liệu chưa duyệt",
}
STALE_SECONDS = 15 * 60  # a "running" job older than this is considered dead (its process ended)
_threads: dict[str, threading.Thread] = {}


@dataclass
class Job:
    id: str
    report: int
    fmt: str
    state: str = "running"  # running, done, error
    step: int = 0
    total: int = 1
    message: str = "Bắt đầu"
    error: str = ""
    started: float = 0.0
    user: str = ""
    values: str = "tat-ca"

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return int(100 * self.step / self.total) if self.total else 0

    @property
    def started_at(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.started, tz=dt.UTC)

    @property
    def values_name(self) -> str:
        return VALUE_MODES.get(self.values, self.values)

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def output(self) -> Path:
        return job_dir(self.report) / f"{self.id}.{self.fmt}"


def compile_options(mode: str) -> dict:
    """`compile_report` arguments for a value mode of `VALUE_MODES`."""
    if mode not in VALUE_MODES:
        raise ValueError(f"Cách lấy số liệu '{mode}' không có (chọn {', '.join(VALUE_MODES)})")
    if mode == "tat-ca":
        return {}
    try:
        from danchu.collection.services import approved_values_q
    except ImportError:  # pragma: no cover - the rounds app is part of the project
        raise ValueError("Chưa có chức năng duyệt số liệu (danchu.collection)")
    return {"value_filter": approved_values_q(), "mark_unapproved": mode == "danh-dau"}


def job_dir(report_id: int) -> Path:
    return Path(settings.VAR_DIR) / "bao-cao" / str(report_id)


def _path(report_id: int, job_id: str) -> Path:
    return job_dir(report_id) / f"{job_id}.json"


def _save(job: Job) -> None:
    path = _path(job.report, job.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(asdict(job), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def load(report_id: int, job_id: str) -> Job | None:
    """The job's last saved state, or None for an unknown id."""
    if not job_id.isalnum():
        return None
    try:
        data = json.loads(_path(report_id, job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    job = Job(**data)
    if job.running and time.time() - job.started > STALE_SECONDS:
        job.state, job.error = "error", "Quá thời gian lập báo cáo; hãy lập lại."
    return job


def _jobs(report_id: int) -> list[Job]:
    """The report's jobs, newest first."""
    folder = job_dir(report_id)
    if not folder.is_dir():
        return []
    found = [load(report_id, path.stem) for path in folder.glob("*.json")]
    return sorted((j for j in found if j is not None), key=lambda j: j.started, reverse=True)


def current(report_id: int) -> Job | None:
    """The job of this report still running, if any."""
    return next((j for j in _jobs(report_id) if j.running), None)


def latest(report_id: int) -> Job | None:
    """The job still running, else the last one started (its file may still be fetched)."""
    return current(report_id) or next(iter(_jobs(report_id)), None)


def _clean(report_id: int, keep: int = 8) -> None:
    """Keep the latest few finished jobs of a report, remove older files."""
    paths = sorted(job_dir(report_id).glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for path in paths[keep:]:
        job = load(report_id, path.stem)
        if job is None or job.running:
            continue
        job.output.unlink(missing_ok=True)
        path.unlink(missing_ok=True)


def _work(job: Job, own_connection: bool = True) -> None:
    if own_connection:
        close_old_connections()
    try:
        report = Report.objects.select_related("template", "unit").get(pk=job.report)

        def progress(step: int, total: int, message: str) -> None:
            job.step, job.total, job.message = step, total + 1, message
            _save(job)

        compiled = compile_report(report, progress=progress, **compile_options(job.values))
        job.message = f"Đang xuất tệp {job.fmt.upper()}"
        _save(job)
        data = render(compiled, job.fmt)
        job.output.write_bytes(data)
        job.state, job.step, job.message = "done", job.total, "Xong"
    except (CompileError, ValueError, PdfError) as exc:
        job.state, job.error = "error", str(exc)
    except Exception as exc:  # noqa: BLE001 - the page must show the failure, not spin forever
        job.state, job.error = "error", f"Lỗi khi lập báo cáo: {exc}"
    finally:
        _save(job)
        if own_connection:
            connection.close()


def start(report: Report, fmt: str, user=None, values: str = "tat-ca", background: bool = True) -> Job:
    """Start compiling `report` into `fmt` counting `values` (a key of `VALUE_MODES`), or
    return the job of this report already running."""
    if fmt not in FORMATS:
        raise ValueError(f"Định dạng '{fmt}' không hỗ trợ (docx, pdf, xlsx, html)")
    compile_options(values)
    running = current(report.pk)
    if running is not None:
        return running
    _clean(report.pk)
    job = Job(
        id=uuid.uuid4().hex,
        report=report.pk,
        fmt=fmt,
        started=time.time(),
        user=user.get_username() if user is not None else "",
        values=values,
    )
    _save(job)
    if not background:
        _work(job, own_connection=False)
        return load(report.pk, job.id) or job
    thread = threading.Thread(target=_work, args=(job,), name=f"bao-cao-{job.id}", daemon=True)
    _threads[job.id] = thread
    thread.start()
    return job


def wait(job: Job, timeout: float = 120) -> Job | None:
    """Wait for a job started by this process to finish (commands and tests)."""
    thread = _threads.pop(job.id, None)
    if thread is not None:
        thread.join(timeout)
    return load(job.report, job.id)
