"""One entry point for every output format, chosen by name or file extension."""

from __future__ import annotations

from pathlib import Path

from .compile import Compiled

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def format_of(path: str | Path) -> str:
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise ValueError(f"Không xuất được tệp '.{ext}': chọn đuôi .docx, .pdf, .xlsx hoặc .html")
    return ext


def render(compiled: Compiled, fmt: str) -> bytes:
    """The compiled report as bytes of `fmt` (docx, pdf, xlsx, html)."""
    if fmt == "docx":
        from .docx_writer import build_docx

        return build_docx(compiled)
    if fmt == "pdf":
        from .docx_writer import build_docx
        from .pdf import docx_to_pdf

        return docx_to_pdf(build_docx(compiled))
    if fmt == "xlsx":
        from .xlsx_writer import build_xlsx

        return build_xlsx(compiled)
    if fmt == "html":
        from .html import render_document

        return render_document(compiled).encode("utf-8")
    raise ValueError(f"Định dạng '{fmt}' không hỗ trợ (docx, pdf, xlsx, html)")


def write(compiled: Compiled, path: str | Path) -> Path:
    path = Path(path)
    data = render(compiled, format_of(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
