"""Does the documents' font cover every character a report uses, on this machine?

The DOCX names Times New Roman; LibreOffice, which makes the PDF, asks fontconfig for it and
gets a replacement (Liberation Serif on Debian). Debian's `fonts-liberation` 1.07 has none of
ơ, ư, ạ…ỹ, so LibreOffice draws each of those letters with another font (DejaVu Serif): two
fonts on every page, words that visibly change shape and fall apart when the PDF's text is
copied ("ổn đ ịnh"). `fonts-liberation2` covers all of Vietnamese. This module asks fontconfig
the same question LibreOffice does and says what is missing and which package brings it.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .layout import FONT

if TYPE_CHECKING:
    from .compile import Compiled

PACKAGE = "fonts-liberation2"
# families drawn with Times New Roman's widths, so the pages break where Word breaks them
TIMES_COMPATIBLE = ("Times New Roman", "Liberation Serif", "Tinos", "TeX Gyre Termes", "Nimbus Roman")
# the styles a report uses: body, headings and labels, the place and date, bold italic headings
STYLES = ("", ":bold", ":italic", ":bold:italic")


@dataclass(frozen=True)
class FontMatch:
    """What fontconfig gives for a family and style: the family, its file and the characters it has."""

    family: str
    file: str
    ranges: tuple[tuple[int, int], ...]

    def covers(self, char: str) -> bool:
        code = ord(char)
        return any(lo <= code <= hi for lo, hi in self.ranges)


def parse_charset(text: str) -> tuple[tuple[int, int], ...]:
    """fontconfig's charset ("20-7e a0-17f 192") as inclusive code point ranges."""
    ranges = []
    for part in text.split():
        lo, _, hi = part.partition("-")
        ranges.append((int(lo, 16), int(hi or lo, 16)))
    return tuple(ranges)


# fontconfig's answer is kept a few minutes: a report page compiles on every preview, and a font
# installed meanwhile is seen soon after without restarting the server
CACHE_SECONDS = 300


def match(font: str = FONT, style: str = "") -> FontMatch | None:
    """The font fontconfig (hence LibreOffice) uses for `font` in `style`; None without fontconfig."""
    bucket = int(time.monotonic() // CACHE_SECONDS)
    return _match(font, style, os.environ.get("FONTCONFIG_FILE", ""), bucket)


@functools.lru_cache(maxsize=64)
def _match(font: str, style: str, config: str, bucket: int) -> FontMatch | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        done = subprocess.run(
            [exe, "-f", "%{family[0]}\t%{file}\t%{charset}", f"{font}{style}"],
            capture_output=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    fields = done.stdout.decode("utf-8", "replace").split("\t")
    if done.returncode != 0 or len(fields) != 3:
        return None
    family, file, charset = fields
    return FontMatch(family=family, file=file, ranges=parse_charset(charset))


def missing_characters(text: str, font: str = FONT) -> dict[str, str]:
    """For each font file the report's styles resolve to, the characters of `text` it lacks
    (in order of first use); empty when everything is covered or fontconfig is absent."""
    chars = sorted({ch for ch in text if ch.isprintable() and not ch.isspace()}, key=text.index)
    out: dict[str, str] = {}
    for style in STYLES:
        found = match(font, style)
        if found is None or found.file in out:
            continue
        lacking = "".join(ch for ch in chars if not found.covers(ch))
        if lacking:
            out[found.file] = lacking
    return out


def warnings(text: str, font: str = FONT) -> list[str]:
    """Vietnamese lines for the compile's notes: characters the font lacks here (with the package
    to install), and a replacement font that is not drawn with Times New Roman's widths."""
    regular = match(font)
    if regular is None:
        return []
    lines = []
    lacking = "".join(dict.fromkeys("".join(missing_characters(text, font).values())))
    lacking = "".join(sorted(lacking, key=lambda ch: ch.isascii()))  # the Vietnamese letters first
    if lacking:
        shown = " ".join(lacking[:40]) + (f" và {len(lacking) - 40} ký tự khác" if len(lacking) > 40 else "")
        lines.append(
            f"Phông {font} trên máy này là {regular.family} ({regular.file}), thiếu {len(lacking)} "
            f"ký tự của báo cáo: {shown}. Bản PDF sẽ vẽ các chữ đó bằng phông khác. "
            f"Cài gói {PACKAGE} (make system, hoặc apt-get install {PACKAGE}) rồi xuất lại."
        )
    if not any(regular.family.startswith(name) for name in TIMES_COMPATIBLE):
        lines.append(
            f"Máy này không có phông {font} hay phông cùng khổ chữ; bản PDF dùng {regular.family}, "
            f"trang có thể ngắt khác bản Word. Cài gói {PACKAGE}."
        )
    return lines


def check(compiled: Compiled) -> list[str]:
    """`warnings` for everything the compiled report prints, the appendix's column headings included."""
    headers = [h for t in compiled.appendix.tables for h in t.headers] if compiled.appendix else []
    return warnings("\n".join([compiled.plain_text(), *headers]))
