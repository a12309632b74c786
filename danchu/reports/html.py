"""The compiled report as HTML, for the browser preview and the `.html` output.

Each figure is `<span class="figure" data-…>` around a link to where it comes from
(`/don-vi/<code>/?ky=<period>&chi_tieu=<code>`); footnote references link to the notes.
`render_fragment()` gives the document body for a page that extends `base.html`;
`render_document()` a stand-alone file.
"""

from __future__ import annotations

from django.utils.html import escape

from danchu.catalog.dimensions import DimensionKey

from . import layout as L
from .compile import Compiled, Run

# Every size is the document's (`layout.py`), so the preview reads like the DOCX/PDF and not
# like a web page with the browser's heading sizes. All rules are scoped to `article.bao-cao`
# (the fragment carries them in its own <style>), so they neither leak into nor lose to the
# site's styles.
CSS = """
article.bao-cao { font-family: "%(font)s", serif; font-size: %(body)spt; line-height: %(line)s;
  max-width: 170mm; margin: 0 auto; color: #000; }
article.bao-cao p, article.bao-cao li { font-size: %(body)spt; }
article.bao-cao .dau { display: grid; grid-template-columns: %(left)s%% %(right)s%%; text-align: center; }
article.bao-cao .dau p { margin: 0; }
article.bao-cao .co-quan p { font-size: %(issuer)spt; }
article.bao-cao .quoc-hieu p:first-child { font-size: %(top)spt; }
article.bao-cao .quoc-hieu p.dia-danh { font-size: %(place)spt; }
article.bao-cao .co-quan p.so { font-size: %(number)spt; }
article.bao-cao p.loai { font-size: %(doc_type)spt; text-align: center; font-weight: bold; margin: 12pt 0 0; }
article.bao-cao p.trich-yeu { font-size: %(title)spt; text-align: center; font-weight: bold; margin: 0; }
article.bao-cao p.trich-yeu:last-of-type { margin-bottom: 12pt; }
article.bao-cao h2, article.bao-cao h3, article.bao-cao h4 { font-size: %(heading)spt; font-weight: bold;
  font-style: normal; line-height: %(line)s; text-indent: %(indent)smm; margin: 6pt 0; }
article.bao-cao h4 { font-style: italic; }
article.bao-cao p.doan { text-indent: %(indent)smm; text-align: justify; margin: 0 0 %(after)spt; }
article.bao-cao .figure a { color: inherit; text-decoration: none; background: #fff3b0; border-radius: 2px; }
article.bao-cao .figure.chua-duyet a { background: #ffd0c0; }
article.bao-cao .chu-thich { border-top: 1px solid #000; margin-top: 1em; }
article.bao-cao .chu-thich p { font-size: %(note)spt; text-align: justify; margin: 0; }
article.bao-cao .cuoi { display: grid; grid-template-columns: 50%% 50%%; margin-top: 1em; }
article.bao-cao .noi-nhan p { font-size: %(rec_head)spt; margin: 0; }
article.bao-cao .noi-nhan ul { margin: 0; padding-left: 0; list-style: none; }
article.bao-cao .noi-nhan li { font-size: %(rec)spt; }
article.bao-cao .noi-nhan li::before { content: "- "; }
article.bao-cao .ky { text-align: center; font-weight: bold; }
article.bao-cao .ky p { font-size: %(signer)spt; margin: 0; }
article.bao-cao .ky p.cho-ky { height: 5em; }
article.bao-cao .phu-luc h2 { text-align: center; text-indent: 0; font-size: %(title)spt; margin-top: 2em; }
article.bao-cao .phu-luc p.tieu-de { text-align: center; margin: 0; }
article.bao-cao .phu-luc h3 { text-indent: 0; font-size: %(body)spt; }
article.bao-cao table.phu-luc { border-collapse: collapse; width: 100%%; margin-bottom: 1em; }
article.bao-cao table.phu-luc td, article.bao-cao table.phu-luc th { border: 1px solid #000; padding: 2px 4px;
  font-size: %(table)spt; }
article.bao-cao table.phu-luc td.so { text-align: right; }
article.bao-cao table.phu-luc tr.khoi td { font-weight: bold; }
"""


def css(layout: str) -> str:
    lay = L.get(layout)
    left = round(lay.header_left_share * 100)
    return CSS % {
        "font": lay.font,
        "body": lay.body_pt,
        "line": lay.line_spacing,
        "left": left,
        "right": 100 - left,
        "issuer": lay.issuer_pt,
        "top": lay.party_title_pt if layout == "party" else lay.national_name_pt,
        "place": lay.place_date_pt,
        "number": lay.number_pt,
        "doc_type": lay.doc_type_pt,
        "title": lay.title_pt,
        "heading": lay.heading_pt,
        "indent": lay.first_line_indent_mm,
        "after": lay.paragraph_after_pt,
        "note": lay.footnote_pt,
        "rec_head": lay.recipients_heading_pt,
        "rec": lay.recipients_pt,
        "signer": lay.signer_pt,
        "table": lay.table_pt,
    }


def _figure(run: Run) -> str:
    f = run.figure
    assert f is not None
    dims = str(DimensionKey(f.dims))
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
    parts = [
        f'<article class="bao-cao" lang="vi" data-layout="{c.layout}">',
        f"<style>{css(c.layout)}</style>",
        '<header class="dau">',
    ]
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
    parts.append(f'<div class="co-quan">{left}<p class="so">{escape(c.number_line)}</p></div>')
    parts.append(
        f'<div class="quoc-hieu">{right}<p class="dia-danh"><em>{escape(c.place_date)}</em></p></div>'
    )
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
        f'<div class="ky">{signer}<p class="cho-ky">&nbsp;</p><p>{escape(c.signer_name)}</p></div></footer>'
    )
    if c.appendix is not None:
        parts.append('<section class="phu-luc"><h2>PHỤ LỤC</h2>')
        parts += [
            f'<p class="tieu-de">{"<strong>" if i == 0 else "<em>"}{escape(line)}{"</strong>" if i == 0 else "</em>"}</p>'
            for i, line in enumerate(c.appendix.title_lines)
        ]
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
        f"<title>{title}</title></head><body>\n"
        f"{render_fragment(c)}\n</body></html>\n"
    )
