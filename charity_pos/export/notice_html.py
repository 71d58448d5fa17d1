"""The monthly public notice (公示) as one self-contained web page: inline
CSS, no scripts, nothing fetched from elsewhere, every value escaped; it
prints on A4 as well as it reads on a phone."""

from __future__ import annotations

from html import escape
from pathlib import Path

from charity_pos.domain.notice import Table
from charity_pos.reports import notice as content
from charity_pos.reports.notice import Notice

#: what marks a page charity-pos wrote (``is_our_html``)
GENERATOR = '<meta name="generator" content="charity-pos">'

CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;
color:#222;max-width:52em;margin:1.5em auto;padding:0 1em;line-height:1.7}
h1{color:#b71c1c;text-align:center;font-size:1.7em;margin:.2em 0}
h2{font-size:1.25em;border-bottom:1px solid #999;padding-bottom:.15em;margin-top:1.4em}
.subtitle{text-align:center;font-size:1.25em;margin:.2em 0}
.meta{text-align:center;color:#666;margin:.1em 0}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #888;padding:.25em .5em;vertical-align:top}
th{background:#eee}
td.num{text-align:right;white-space:nowrap}
tr.total td{background:#f5f5f5;border-top:2px solid #000;font-weight:bold}
code{display:block;text-align:center;font-family:Consolas,"Courier New",monospace;word-break:break-all;
background:#f7f7f7;padding:.4em;margin:.4em 0}
.small{color:#666;font-size:.9em}
.sign{text-align:right}
@media print{body{max-width:none;margin:0}h2{break-after:avoid}table,tr{break-inside:avoid}
@page{size:A4;margin:18mm}}
"""


def _e(text: str) -> str:
    return escape(text, quote=True)


def _table(table: Table) -> list[str]:
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{_e(c)}</th>" for c in table.columns) + "</tr></thead>",
           "<tbody>"]
    for index, row in enumerate(table.rows):
        total = table.totals and index == len(table.rows) - 1
        cells = "".join(f'<td class="num">{_e(v)}</td>' if table.numeric[i] else f"<td>{_e(v)}</td>"
                        for i, v in enumerate(row))
        out.append(f'<tr class="total">{cells}</tr>' if total else f"<tr>{cells}</tr>")
    out += ["</tbody>", "</table>"]
    return out


def notice_html(notice: Notice) -> str:
    where, when = content.heading_lines(notice)
    title = f"{notice.store_name} {notice.title}"
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', GENERATOR,
           f"<title>{_e(title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{_e(notice.store_name)}</h1>", f'<p class="subtitle">{_e(notice.title)}</p>',
           f'<p class="meta">{_e(where)}</p>', f'<p class="meta">{_e(when)}</p>']
    for block in content.blocks(notice):
        out.append(f"<section><h2>{_e(block.heading)}</h2>")
        out += [f"<p>{_e(line)}</p>" for line in block.lines]
        if block.code:
            out.append(f"<code>{_e(block.code)}</code>")
        if block.table is not None:
            out += _table(block.table)
        out += [f'<p class="{"small" if block.code else ""}">{_e(line)}</p>'.replace(' class=""', "")
                for line in block.after]
        out.append("</section>")
    out += [f'<p class="small">{_e(content.FOOTER)}</p>',
            f'<p class="sign">发布单位（盖章）：{_e(notice.store_name)}</p>', "</body>", "</html>", ""]
    return "\n".join(out)


def write_notice_html(notice: Notice, path: Path) -> None:
    path.write_text(notice_html(notice), encoding="utf-8", newline="\n")


def is_our_html(path: Path) -> bool:
    """A notice page charity-pos wrote (its generator says so)."""
    try:
        if path.stat().st_size > 4 * 1024 * 1024:
            return False
        with path.open("rb") as fh:
            return GENERATOR.encode() in fh.read(4096)
    except OSError:
        return False
