"""Printing: one donation receipt, and 240 shelf labels on both templates.

Figures:

* ``render_receipt`` of one realistic receipt (a company donor, 8 goods
  lines, one of them unvalued): median and p95 wall time over
  ``RECEIPT_RUNS`` runs, the PDF's size, and the peak of Python memory
  (tracemalloc) during one render.
* ``render_labels`` of 240 labels on ``a4-3x8`` (10 A4 pages of 24) and on
  ``thermal-40x30`` (240 small pages): median wall time over
  ``LABEL_RUNS`` runs, size and peak memory.
* The 240 barcodes alone, as the labels draw them: ``encode`` and
  ``draw_barcode`` in the label slots of 10 A4 pages, saved as a PDF.

Baselines, in the same process on the same machine:

* for each PDF, a bare ReportLab ``Canvas`` with the same page size, page
  count and compression, writing the same words (every text the document
  prints, as plain ``drawString`` lines) in the same embedded font
  (``register_font``), so the ratio is what our layout costs over the raw
  library: tables, fitting, QR code, bars;
* for the barcodes, bare python-barcode writing 240 EAN-13 SVG files with
  its own ``SVGWriter`` (its digits included).

Figure and baseline runs alternate after one warm-up each, so both meet the
same caches. Peak memory is taken in separate runs (tracemalloc slows
allocation, so timed runs are not traced). All files go to a folder inside
the run's temporary folder. Nothing passes or fails.
"""

from __future__ import annotations

import random
import re
import time
import tracemalloc
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from catalog_data import ean13
from report import Row, median, percentile
from reportlab.lib.pagesizes import A4

from charity_pos.demo.people import COMPANIES, credit_code
from charity_pos.demo.products import PRODUCTS
from charity_pos.domain.capitals import amount_in_capitals
from charity_pos.domain.money import format_fen
from charity_pos.domain import vocabulary
from charity_pos.printing.barcode_drawing import BarcodeLayout, draw_barcode, encode
from charity_pos.domain.documents import LabelDoc, ReceiptDoc, ReceiptLine
from charity_pos.printing.fonts import font_file, register_font
from charity_pos.printing.labels import TEMPLATES, render_labels
from charity_pos.printing.receipt import render_receipt
from charity_pos.services.receipts import QR_PREFIX, verification_code

RECEIPT_RUNS = 100
LABEL_RUNS = 15
LABELS = 240
STORE = ("静安区石门二路街道慈善超市", "JA01", "静安区", "石门二路慈善超市")

# (category, demo catalog name or None for the category's first product, quantity, condition, valuation)
RECEIPT_LINES = (
    ("grain_oil", "金龙鱼东北大米 5kg", 40, "new", "invoice"),
    ("grain_oil", "福临门大豆油 5L", 20, "new", "invoice"),
    ("food", "光明纯牛奶 250ml×24盒", 30, "new", "invoice"),
    ("food", "康师傅红烧牛肉面 5连包", 60, "new", "invoice"),
    ("food", "冠生园大白兔奶糖 227g", 50, "new", "market"),
    ("daily", None, 24, "new", "market"),
    ("bedding", None, 10, "as_new", "market"),
    ("clothing", None, 15, "good_used", "unvalued"),
)


def _product(category: str, name: str | None) -> tuple[str, str, int]:
    """(name, unit, reference price in fen) from the demo catalog: the named
    product, or the first of its category."""
    for cat, product, unit, _sale, reference, _source, _has_code in PRODUCTS:
        if cat == category and (name is None or product == name):
            return product, unit, reference
    raise LookupError(f"{category} {name} is not in the demo catalog")


def receipt_doc(rng: random.Random) -> ReceiptDoc:
    """A realistic receipt: a company's donation of 8 lines of goods."""
    lines = []
    for category, name, quantity, condition, valuation in RECEIPT_LINES:
        product, unit, reference = _product(category, name)
        valued = valuation != "unvalued"
        lines.append(ReceiptLine(
            name=product, unit=unit, quantity=quantity, standard=vocabulary.standard(condition, valuation),
            unit_value_fen=reference if valued else None, amount_fen=reference * quantity if valued else None))
    total = sum(line.amount_fen or 0 for line in lines)
    store_name, store_code, district, _short = STORE
    number, issued = f"{store_code}-2026-J000128", date(2026, 3, 18)
    code = verification_code(store_code, number, uuid.UUID(int=rng.getrandbits(128)), total, issued.isoformat())
    return ReceiptDoc(
        store_name=store_name, store_code=store_code, district=district, receipt_number=number,
        donation_number=f"{store_code}-2026-D000342", issued_on=issued, donor_name=COMPANIES[1],
        donor_credit_code=credit_code(rng), lines=tuple(lines), cash_fen=0, cash_method=None, total_fen=total,
        handler="王秀英", remarks="用于冬季送温暖，优先发放给辖区独居老人和低保家庭。",
        verification_code=code, qr_payload=f"{QR_PREFIX}|{store_code}|{number}|{issued.isoformat()}|{total}|{code}")


def label_docs(rng: random.Random) -> list[LabelDoc]:
    """240 labels: demo catalog names and prices, distinct valid EAN-13 codes."""
    serials = rng.sample(range(10**10), LABELS)
    short = STORE[3]
    return [LabelDoc(name=PRODUCTS[i % len(PRODUCTS)][1], price_fen=PRODUCTS[i % len(PRODUCTS)][3],
                     barcode=ean13(serial), store_short_name=short) for i, serial in enumerate(serials)]


# --- the baselines: the same words on a bare canvas -------------------------
def receipt_words(doc: ReceiptDoc) -> list[str]:
    """Every text the receipt prints, one string per line."""
    words = ["捐赠收据", "（公益事业捐赠票据）", doc.store_name, f"收据号码：{doc.receipt_number}",
             f"捐赠编号：{doc.donation_number}", f"开票日期：{doc.issued_on:%Y年%m月%d日}",
             f"校验码：{doc.verification_code}", f"交款人：{doc.donor_name}",
             f"统一社会信用代码：{doc.donor_credit_code or '—'}",
             "序号  项目名称  单位  数量  单价（元）  标准  金额（元）"]
    for number, line in enumerate(doc.lines, start=1):
        unit_value = format_fen(line.unit_value_fen) if line.unit_value_fen is not None else "—"
        amount = format_fen(line.amount_fen) if line.amount_fen is not None else "未估价"
        words.append(f"{number}  {line.name}  {line.unit}  {line.quantity}  {unit_value}  {line.standard}  {amount}")
    words += [f"合计（大写）：{amount_in_capitals(doc.total_fen)}  合计（小写） {format_fen(doc.total_fen)}",
              "未估价物品 1 项，按名称和数量登记，不计入合计金额。",
              f"核验：扫描左上角二维码，或凭校验码 {doc.verification_code} 向{doc.district}慈善超市管理平台核验。",
              f"备注  {doc.remarks}", f"经办人：{doc.handler}", f"开票日期：{doc.issued_on:%Y年%m月%d日}",
              f"收款单位：{doc.store_name}", "收款单位（盖章）", "盖章处", f"捐赠收据 {doc.receipt_number}",
              "第 1 页 / 共 1 页"]
    return words


def bare_pages(out: Path, page_size: tuple[float, float], pages: list[list[tuple[float, float, float, str]]]) -> None:
    """A bare ReportLab canvas: each page's (x, y, size, text) as drawString
    in the app's embedded font, compressed as the app's PDFs are."""
    from reportlab.pdfgen.canvas import Canvas

    font = register_font()
    canvas = Canvas(str(out), pagesize=page_size, pageCompression=1, initialFontName=font)
    for page in pages:
        for x, y, size, text in page:
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        canvas.showPage()
    canvas.save()


def receipt_pages(doc: ReceiptDoc, count: int) -> list[list[tuple[float, float, float, str]]]:
    page = [(42.0, A4[1] - 60 - 16 * n, 9.0, text) for n, text in enumerate(receipt_words(doc))]
    return [page] * count


def label_pages(labels: list[LabelDoc], template: str) -> list[list[tuple[float, float, float, str]]]:
    """Each label's store, name, price and barcode digits at its slot."""
    chosen = TEMPLATES[template]
    pages: list[list[tuple[float, float, float, str]]] = []
    for index, label in enumerate(labels):
        slot = index % chosen.per_page
        if slot == 0:
            pages.append([])
        x, y = chosen.origin(slot)
        h = chosen.label_size[1]
        c = label.barcode
        pages[-1] += [(x + 5, y + h - 10, 6.5, label.store_short_name), (x + 5, y + h - 20, 8.0, label.name),
                      (x + 5, y + 14, 12.0, format_fen(label.price_fen)),
                      (x + 5, y + 4, 6.0, f"{c[0]} {c[1:7]} {c[7:]}")]
    return pages


def barcodes_only(labels: list[LabelDoc], out: Path) -> None:
    """The labels' barcodes as our labels draw them (checked, encoded, vector
    bars with quiet zones and digits), in the a4-3x8 slots, nothing else."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    font = register_font()
    chosen = TEMPLATES["a4-3x8"]
    canvas = Canvas(str(out), pagesize=chosen.page_size, pageCompression=1, initialFontName=font)
    for index, label in enumerate(labels):
        slot = index % chosen.per_page
        if index and slot == 0:
            canvas.showPage()
        enc = encode(label.barcode)
        x, y = chosen.origin(slot)
        draw_barcode(canvas, BarcodeLayout(enc, 0.33 * mm, 18 * mm, font, 7.0), x + 1.5 * mm, y + 3.6 * mm)
    canvas.showPage()
    canvas.save()


def python_barcode_svgs(labels: list[LabelDoc], folder: Path) -> None:
    """Bare python-barcode: one EAN-13 SVG file per code, its default writer."""
    import barcode
    from barcode.writer import SVGWriter

    for n, label in enumerate(labels):
        with open(folder / f"{n:03d}.svg", "wb") as f:
            barcode.EAN13(label.barcode, writer=SVGWriter()).write(f)


# --- measuring --------------------------------------------------------------
def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf.read_bytes()))


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size


def _alternate(figure: Callable[[], None], baseline: Callable[[], None], runs: int) -> tuple[list[float], list[float]]:
    figure()
    baseline()
    fig, base = [], []
    clock = time.perf_counter
    for _ in range(runs):
        t0 = clock()
        figure()
        t1 = clock()
        baseline()
        t2 = clock()
        fig.append(t1 - t0)
        base.append(t2 - t1)
    return fig, base


def _peak(work: Callable[[], None]) -> int:
    """Peak bytes of Python allocations during one run (tracemalloc)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        work()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def describe() -> str:
    """ReportLab's version and the font file, for the progress line."""
    import reportlab

    candidate = font_file()
    return f"ReportLab {reportlab.Version}, font {candidate.path.name}"


def measure(tmp: Path, rng: random.Random) -> list[Row]:
    folder = tmp / "printing"
    folder.mkdir()
    register_font()  # once per process, as in the app: not part of any figure
    ms, kib, mib = 1e3, 1 / 1024, 1 / 1024 / 1024
    rows: list[Row] = []

    # One receipt.
    doc = receipt_doc(rng)
    receipt, bare_receipt = folder / "receipt.pdf", folder / "receipt-bare.pdf"
    render_receipt(doc, receipt)
    pages = _pages(receipt)
    words = receipt_pages(doc, pages)
    fig, base = _alternate(lambda: render_receipt(doc, receipt), lambda: bare_pages(bare_receipt, A4, words),
                           RECEIPT_RUNS)
    assert _pages(bare_receipt) == pages
    what = f"receipt PDF, {len(doc.lines)} lines, {pages} page{'s' if pages > 1 else ''}"
    rows += [
        Row(f"{what}, median of {RECEIPT_RUNS}", median(fig) * ms, "ms", median(base) * ms),
        Row(f"{what}, p95", percentile(fig, 95) * ms, "ms", percentile(base, 95) * ms),
        Row(f"{what}, file size", _size(receipt) * kib, "KiB", _size(bare_receipt) * kib),
        Row(f"{what}, peak memory", _peak(lambda: render_receipt(doc, receipt)) * mib, "MiB",
            _peak(lambda: bare_pages(bare_receipt, A4, words)) * mib, digits=2),
    ]

    # 240 labels on each template.
    labels = label_docs(rng)
    for template in ("a4-3x8", "thermal-40x30"):
        out, bare_out = folder / f"labels-{template}.pdf", folder / f"labels-{template}-bare.pdf"
        size = TEMPLATES[template].page_size
        text = label_pages(labels, template)

        def ours(out: Path = out, template: str = template) -> None:
            render_labels(labels, template, out)

        def bare(bare_out: Path = bare_out, size: tuple[float, float] = size,
                 text: list = text) -> None:  # type: ignore[type-arg]
            bare_pages(bare_out, size, text)

        fig, base = _alternate(ours, bare, LABEL_RUNS)
        pages = _pages(out)
        assert _pages(bare_out) == pages == len(text)
        what = f"{LABELS} labels {template}, {pages} pages"
        rows += [
            Row(f"{what}, median of {LABEL_RUNS}", median(fig) * ms, "ms", median(base) * ms, digits=0),
            Row(f"{what}, file size", _size(out) * kib, "KiB", _size(bare_out) * kib, digits=0),
            Row(f"{what}, peak memory", _peak(ours) * mib, "MiB", _peak(bare) * mib, digits=2),
        ]

    # The barcodes alone, against python-barcode's own SVGs.
    bars, svgs = folder / "barcodes.pdf", folder / "svg"
    svgs.mkdir()
    fig, base = _alternate(lambda: barcodes_only(labels, bars), lambda: python_barcode_svgs(labels, svgs), LABEL_RUNS)
    what = f"{LABELS} EAN-13 barcodes alone, {_pages(bars)} pages"
    rows += [
        Row(f"{what}, median of {LABEL_RUNS}", median(fig) * ms, "ms", median(base) * ms, digits=0),
        Row(f"{what}, file size", _size(bars) * kib, "KiB", _size(svgs) * kib, digits=0),
        Row(f"{what}, peak memory", _peak(lambda: barcodes_only(labels, bars)) * mib, "MiB",
            _peak(lambda: python_barcode_svgs(labels, svgs)) * mib, digits=2),
    ]
    return rows
