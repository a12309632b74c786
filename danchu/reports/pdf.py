"""PDF from the DOCX with LibreOffice headless, so the two formats never disagree."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


class PdfError(RuntimeError):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: int = 180) -> bytes:
    """Convert DOCX bytes to PDF bytes; each call uses its own LibreOffice profile so that
    parallel conversions do not clash."""
    exe = soffice()
    if exe is None:
        raise PdfError("Không tìm thấy LibreOffice (soffice) để xuất PDF; cài gói libreoffice-writer")
    with tempfile.TemporaryDirectory(prefix="danchu-pdf-") as tmp:
        work = Path(tmp)
        src = work / "bao-cao.docx"
        src.write_bytes(docx)
        profile = (work / "profile").as_uri()
        cmd = [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(src),
        ]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice không xuất xong PDF trong {timeout} giây")
        out = work / "bao-cao.pdf"
        if done.returncode != 0 or not out.exists():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:500]
            raise PdfError(f"LibreOffice không xuất được PDF (mã {done.returncode}): {detail}")
        return out.read_bytes()
