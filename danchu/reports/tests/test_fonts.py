"""The font check: the documents name Times New Roman; fontconfig (so LibreOffice) picks the file
that draws it here, and a report whose letters that file lacks gets a warning naming the
characters and the package to install."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from conftest import require
from danchu.reports import fonts

# Liberation Serif 1.07 (Debian's fonts-liberation), as fontconfig reports it: Latin-1 and
# Latin Extended-A only, none of ơ ư (U+01A1, U+01B0) nor ạ…ỹ (U+1EA0–U+1EF9)
LIBERATION_1_07 = "20-7e a0-17f 192 1fa-1ff 218-21b 2c6-2c7 2c9 2d8-2dd 1e80-1e85 1ef2-1ef3 2010-2011"
LIBERATION_2 = "20-7e a0-36f 1ea0-1ef9 2000-2010"


def test_a_charset_tells_which_letters_a_font_has():
    old = fonts.FontMatch(
        "Liberation Serif", "LiberationSerif-Regular.ttf", fonts.parse_charset(LIBERATION_1_07)
    )
    new = fonts.FontMatch(
        "Liberation Serif", "LiberationSerif-Regular.ttf", fonts.parse_charset(LIBERATION_2)
    )
    word = "Tỉnh ủy đã tiếp dân ở cơ sở"
    assert "".join(ch for ch in word if not old.covers(ch) and not ch.isspace()) == "ỉủếởơở"
    assert all(new.covers(ch) for ch in word)
    assert old.covers("ỳ")  # U+1EF3, one of the few 1.07 has


@pytest.fixture
def fontconfig():
    require(bool(shutil.which("fc-match")), "fontconfig (fc-match)")


def test_liberation_2_covers_every_letter_of_the_report(fontconfig, province):
    require(Path("/usr/share/fonts/truetype/liberation2").is_dir(), "fonts-liberation2 (make system)")
    from danchu.reports.compile import compile_report, draft_report

    compiled = compile_report(draft_report(province, "2023"))
    assert fonts.match().family == "Liberation Serif"
    assert fonts.check(compiled) == []


@pytest.fixture
def font_without_vietnamese(fontconfig, tmp_path, monkeypatch):
    """A fontconfig whose only font is LibreOffice's OpenSymbol (always there with LibreOffice),
    which has no Vietnamese letters: what a machine with only fonts-liberation 1.07 amounts to."""
    found = subprocess.run(["fc-list", "OpenSymbol", "file"], capture_output=True, text=True).stdout
    require(bool(found.strip()), "OpenSymbol (fonts-opensymbol, installed with LibreOffice)")
    folder = Path(found.split(":")[0]).parent
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><fontconfig>'
        f"<dir>{folder}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))


def test_the_report_command_warns_with_the_missing_letters_and_the_package(
    font_without_vietnamese, province, tmp_path, capsys
):
    call_command("report", "--unit", "12", "--period", "2023", "-o", str(tmp_path / "b.html"))
    out = capsys.readouterr().out
    [line] = [x for x in out.splitlines() if x.startswith("Ghi chú: Phông Times New Roman")]
    assert "trên máy này là OpenSymbol" in line
    assert "ký tự của báo cáo: " in line and " ế " in line and " ơ " in line
    assert "Cài gói fonts-liberation2 (make system, hoặc apt-get install fonts-liberation2)" in line
    assert "Ghi chú: Máy này không có phông Times New Roman hay phông cùng khổ chữ" in out
