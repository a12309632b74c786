"""The compiled report as HTML, for the browser preview and the `.html` output.

Each figure is `<span class="figure" data-…>` around a link to where it comes from
(`/don-vi/<code>/?ky=<period>&chi_tieu=<code>`); footnote references link to the notes.
`render_fragment()` gives the document body for a page that extends `base.html`;
`render_document()` a stand-alone file.
"""

from __future__ import annotations

from django.utils.html import escape

from . import layout as L
from .compile import Compiled, Run

CSS = """
.bao-cao { font-family: "%(font)s", serif; font-size: %(body)spt; max-width: 170mm; margin: 0 auto; color: #000; }
.bao-cao .dau { display: grid; grid-template-columns: 45%% 55%%; text-align: center; }
.bao-cao .dau p { margin: 0; }
.bao-cao .loai { text-align: center; font-weight: bold; margin: 1em 0 0; }
.bao-cao .trich-yeu { text-align: center; font-weight: bold; margin: 0; }
.bao-cao h2, .bao-cao h3, .bao-cao h4 { font-size: %(body)spt; margin: 6pt 0; }
.bao-cao p.doan { text-indent: 12.7mm; text-align: justify; margin: 0 0 6pt; }
.bao-cao .figure a { color: inherit; text-decoration: none; background: #fff3b0; border-radius: 2px; }
.bao-cao .figure.chua-duyet a { background: #ffd0c0; }
.bao-cao .chu-thich { font-size: %(note)spt; border-top: 1px solid #000; margin-top: 1em; }
.bao-cao .cuoi { display: grid; grid-template-columns: 50%% 50%%; margin-top: 1em; }
.bao-cao .ky { text-align: center; font-weight: bold; }
.bao-cao table.phu-luc { border-collapse: collapse; width: 100%%; font-size: %(table)spt; margin-bottom: 1em; }
.bao-cao table.phu-luc td, .bao-cao table.phu-luc th { border: 1px solid #000; padding: 2px 4px; }
.bao-cao table.phu-luc td.so { text-align: right; }
.bao-cao table.phu-luc tr.khoi td { font-weight: bold; }
"""


def css(layout: str) -> str:
    lay = L.get(layout)
    return CSS % {"font": lay.font, "body": lay.body_pt, "note": lay.footnote_pt, "table": lay.table_pt}


def _figure(run: Run) -> str:
    f = run.figure
    assert f is not None
    dims = ";".join(f"{k}={v}" for k, v in sorted(f.dims.items()))
    cls = "figure chua-duyet" if f.unapproved else "figure"
    title = f"{f.name} — {f.unit_name}, kỳ {f.period}" + (" (gồm số liệu chưa duyệt)" if f.unapproved else "")
    attrs = {
        "data-element": f.code,
        "data-kind": f.kind,
        "data-unit": f.unit_code,
        "data-period": f.period,
        "data-tier": f.tier or "",
        "data-dims": dims,
        "data-value": "" if f.value is None else repr(f.value),
        "data-markup": f.markup,
    }
    attr_text = " ".join(f'{k}="{escape(v)}"' for k, v in attrs.items())
    return (
        f'<span class="{cls}" {attr_text}><a href="{escape(f.link)}" title="{escape(title)}">'
        f"{escape(run.text)}{'*' if f.unapproved else ''}</a></span>"
    )


def _runs(runs: list[Run]) -> str:
    out = []
    for run in runs:
        if run.footnote is not None:
            n = run.footnote
            out.append(f'<sup class="tham-chieu"><a href="#chu-thich-{n}" id="tc-{n}">{n}</a></sup>')
        elif run.figure is not None:
            out.append(_figure(run))
        else:
            text: str = escape(run.text)
            if run.bold:
                text = f"<strong>{text}</strong>"
            if run.italic:
                text = f"<em>{text}</em>"
            out.append(text)
    return "".join(out)


def render_fragment(c: Compiled) -> str:
    """The report body as HTML (no <html> wrapper), figures highlighted and linked."""
    parts = [f'<article class="bao-cao" lang="vi" data-layout="{c.layout}">', '<header class="dau">']
    left = "".join(
        f"<p>{'<strong>' if bold else ''}{escape(t)}{'</strong>' if bold else ''}</p>"
        for t, bold in c.issuer_lines
    )
    left += "<p>*</p>" if c.layout == "party" else "<p>───────</p>"
    # the last line (Party title or motto) is underlined
    right = "".join(
        f"<p><strong>{'<u>' if k == len(c.top_right) - 1 else ''}{escape(t)}"
        f"{'</u>' if k == len(c.top_right) - 1 else ''}</strong></p>"
        for k, t in enumerate(c.top_right)
    )
    parts.append(f'<div class="co-quan">{left}<p>{escape(c.number_line)}</p></div>')
    parts.append(f'<div class="quoc-hieu">{right}<p><em>{escape(c.place_date)}</em></p></div>')
    parts.append("</header>")
    parts.append(f'<p class="loai">{escape(c.doc_type)}</p>')
    parts += [f'<p class="trich-yeu">{escape(line)}</p>' for line in c.title_lines]
    for s in c.sections:
        if s.heading:
            level = min(max(s.level, 1), 3) + 1
            parts.append(f"<h{level}>{escape(s.heading)}</h{level}>")
        for p in s.paragraphs:
            parts.append(f'<p class="doan">{_runs(p.runs)}</p>')
    if c.footnotes:
        parts.append('<section class="chu-thich">')
        for n in c.footnotes:
            parts.append(
                f'<p id="chu-thich-{n.number}"><sup><a href="#tc-{n.number}">{n.number}</a></sup> {_runs(n.runs)}</p>'
            )
        parts.append("</section>")
    recipients = "".join(f"<li>{escape(r)}</li>" for r in c.recipients)
    signer = "".join(
        f"<p>{escape(t)}</p>" if t != t.lower() else f'<p style="font-weight:normal">{escape(t)}</p>'
        for t in c.signer_title
    )
    parts.append(
        f'<footer class="cuoi"><div class="noi-nhan"><p><strong><em>Nơi nhận:</em></strong></p><ul>{recipients}</ul></div>'
        f'<div class="ky">{signer}<p>&nbsp;</p><p>{escape(c.signer_name)}</p></div></footer>'
    )
    if c.appendix is not None:
        parts.append('<section class="phu-luc"><h2>PHỤ LỤC</h2>')
        parts += [f"<p><strong>{escape(line)}</strong></p>" for line in c.appendix.title_lines]
        for t in c.appendix.tables:
            parts.append(f"<h3>{escape(t.number)}. {escape(t.title)}</h3>")
            head = "".join(f"<th>{escape(h)}</th>" for h in t.headers)
            rows = [f"<thead><tr>{head}</tr></thead><tbody>"]
            for b in t.blocks:
                if b.label:
                    rows.append(
                        f'<tr class="khoi"><td colspan="{len(t.headers)}">{escape(b.label)}</td></tr>'
                    )
                for line in b.lines:
                    cells = [line.cell_text(v) for v in line.cells] if line.cells else [""] * len(t.columns)
                    tds = "".join(
                        f'<td class="so">{escape(x)}</td>' for x in [*cells, line.cell_text(line.total)]
                    )
                    mark = "*" if line.unapproved else ""
                    rows.append(
                        f'<tr data-element="{escape(line.code)}" data-tier="{b.tier or ""}">'
                        f"<td>{escape(line.label)}{mark}</td>{tds}</tr>"
                    )
            rows.append("</tbody>")
            parts.append(f'<table class="phu-luc">{"".join(rows)}</table>')
        parts.append("</section>")
    if c.notes:
        parts.append('<aside class="ghi-chu">' + "".join(f"<p>{escape(n)}</p>" for n in c.notes) + "</aside>")
    parts.append("</article>")
    return "\n".join(parts)


def render_document(c: Compiled) -> str:
    """A stand-alone HTML file of the report."""
    title = escape(" ".join([c.doc_type, *c.title_lines]))
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{css(c.layout)}</style></head><body>\n"
        f"{render_fragment(c)}\n</body></html>\n"
    )
