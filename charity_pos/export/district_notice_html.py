"""The district's public notice as a static web site: ``index.html`` and a
page per store, linked by relative links, each page self-contained (inline
CSS, no scripts, nothing fetched from elsewhere, every value escaped), in
the same style as a store's own notice page (``export.notice_html``)."""

from __future__ import annotations

from charity_pos.export.notice_html import CSS, GENERATOR, _e, _table
from charity_pos.reports import district_notice as content
from charity_pos.reports.district_notice import DistrictNotice, StoreNotice
from charity_pos.domain.notice import Block

NAV = "nav{text-align:center;margin:.6em 0}nav a{margin:0 .4em}"


def _page(title: str, heading: str, meta: tuple[str, ...], blocks: tuple[Block, ...], nav: list[str],
          sign: str) -> str:
    out = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', GENERATOR,
           f"<title>{_e(title)}</title>", f"<style>{CSS}{NAV}</style>", "</head>", "<body>",
           f"<h1>{_e(heading)}</h1>"]
    out += [f'<p class="meta">{_e(line)}</p>' for line in meta]
    if nav:
        out.append("<nav>" + " ".join(nav) + "</nav>")
    for block in blocks:
        out.append(f"<section><h2>{_e(block.heading)}</h2>")
        out += [f"<p>{_e(line)}</p>" for line in block.lines]
        if block.code:
            out.append(f"<code>{_e(block.code)}</code>")
        if block.table is not None:
            out += _table(block.table)
        out += [f'<p class="small">{_e(line)}</p>' for line in block.after]
        out.append("</section>")
    out += [f'<p class="small">{_e(content.FOOTER)}</p>', f'<p class="sign">{_e(sign)}</p>', "</body>", "</html>", ""]
    return "\n".join(out)


def _period(notice: DistrictNotice) -> str:
    return f"公示期间：{notice.start.isoformat()} 至 {notice.end.isoformat()}"


def index_html(notice: DistrictNotice) -> str:
    links = [f'<a href="{_e(s.page)}">{_e(s.short_name or s.name)}</a>' for s in notice.stores]
    return _page(notice.title, notice.title, (_period(notice),), content.district_blocks(notice), links,
                 f"发布单位：{notice.district}民政局")


def store_html(notice: DistrictNotice, store: StoreNotice) -> str:
    return _page(f"{store.name} {notice.month} 公示", store.name,
                 (f"{store.name}（{store.code}）　{notice.district}", _period(notice)),
                 content.store_blocks(notice, store), ['<a href="index.html">返回全区公示</a>'],
                 f"发布单位：{notice.district}民政局")
