"""Label PDFs, printed (rasterised at 300 dpi) and scanned by a real barcode
decoder: every code comes back, exactly, as a shop scanner would read it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pypdf
import pytest

from charity_pos.domain.barcodes import check_digit, in_store_code
from charity_pos.errors import InvalidBarcode
from charity_pos.domain.documents import LabelDoc
from charity_pos.printing.labels import render_labels
from tests.helpers import cluster

MM = 72 / 25.4
pytestmark = pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("pdftotext")),
                                reason="poppler-utils (pdftoppm, pdftotext) is not installed")


def _with_check(payload: str) -> str:
    return payload + str(check_digit(payload))


EAN8 = [_with_check(p) for p in ("9638507", "4017072", "6901234", "2012345")]
UPCA = [_with_check(p) for p in ("03600029145", "01234567890", "88860000000", "74299160691")]
NAMES = ["男式羊毛衫 L码 藏青", "东北大米 5kg", "儿童羽绒服 130cm 粉色 九成新 带帽子 可拆卸内胆 附原厂说明书和购物发票",
         "海天金标生抽 500ml", "Levi's 501 Original Fit Jeans W32 L34 dark indigo stonewash", "搪瓷杯"]
STORES = ["长征镇慈善超市", "普陀区长征镇社区慈善超市（长征店）第二门市部"]


def mixed_codes(count: int) -> list[str]:
    codes = []
    for i in range(count):
        kind = i % 4
        if kind in (0, 3):
            codes.append(in_store_code(22 + i % 3, 1000 + i * 7919))
        elif kind == 1:
            codes.append(EAN8[i % len(EAN8)])
        else:
            codes.append(UPCA[i % len(UPCA)])
    return codes


def make_labels(codes: list[str]) -> list[LabelDoc]:
    prices = [2500, 1250, 123450, 990, 5, 9999900]
    return [LabelDoc(NAMES[i % len(NAMES)], prices[i % len(prices)], code, STORES[i % 2 if i % 5 == 0 else 0])
            for i, code in enumerate(codes)]


def rasterise(pdf: Path, folder: Path, dpi: int = 300) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page*.png"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))


def normalise(text: str) -> str:
    # zxing reports a UPC-A as the EAN-13 with a leading 0 unless told otherwise
    return text[1:] if len(text) == 13 and text.startswith("0") else text


def scan(png: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    return [normalise(r.text) for r in zxingcpp.read_barcodes(Image.open(png))]


def page_sizes_mm(pdf: Path) -> list[tuple[float, float]]:
    reader = pypdf.PdfReader(pdf)
    return [(round(float(p.mediabox.width) / MM, 1), round(float(p.mediabox.height) / MM, 1)) for p in reader.pages]


def test_a4_sheet_scans_back_to_exactly_the_codes(tmp_path: Path) -> None:
    codes = mixed_codes(30)
    pdf = tmp_path / "labels.pdf"
    render_labels(make_labels(codes), "a4-3x8", pdf)
    assert page_sizes_mm(pdf) == [(210.0, 297.0)] * 2
    pages = rasterise(pdf, tmp_path)
    decoded = [scan(png) for png in pages]
    assert [len(d) for d in decoded] == [24, 6]
    assert Counter(code for page in decoded for code in page) == Counter(codes)
    assert Counter(decoded[0]) == Counter(codes[:24])


def test_thermal_labels_one_per_page_scan_back(tmp_path: Path) -> None:
    codes = mixed_codes(8)
    pdf = tmp_path / "thermal.pdf"
    render_labels(make_labels(codes), "thermal-40x30", pdf)
    assert page_sizes_mm(pdf) == [(40.0, 30.0)] * 8
    pages = rasterise(pdf, tmp_path)
    assert [scan(png) for png in pages] == [[code] for code in codes]


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    words, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        word = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if word:
            words.append((page, *map(float, word.groups()[:4]), word[5]))  # type: ignore[arg-type]
    return words


def test_text_stays_inside_its_label(tmp_path: Path) -> None:
    pdf = tmp_path / "labels.pdf"
    render_labels(make_labels(mixed_codes(24)), "a4-3x8", pdf)
    label_w, label_h, top = 70 * MM, 37 * MM, 0.5 * MM
    words = _words(pdf)
    assert words
    for _page, x_min, y_min, x_max, y_max, word in words:
        column, row = int(x_min // label_w), int((y_min - top) // label_h)
        assert x_max <= (column + 1) * label_w + 0.5, word
        assert y_max <= top + (row + 1) * label_h + 0.5, word

    pdf = tmp_path / "thermal.pdf"
    render_labels(make_labels(mixed_codes(6)), "thermal-40x30", pdf)
    for _page, x_min, y_min, x_max, y_max, word in _words(pdf):
        assert 0 <= x_min and x_max <= 40 * MM + 0.5 and 0 <= y_min and y_max <= 30 * MM + 0.5, word


@pytest.mark.parametrize(("template", "code", "quiet"), [
    ("thermal-40x30", in_store_code(22, 17), (11, 7)),
    ("thermal-40x30", EAN8[0], (7, 7)),
    ("thermal-40x30", UPCA[0], (9, 9)),
    ("a4-3x8", in_store_code(22, 17), (11, 7)),
    ("a4-3x8", UPCA[1], (9, 9)),
])
def test_quiet_zones_are_blank_and_modules_wide_enough(tmp_path: Path, template: str, code: str,
                                                       quiet: tuple[int, int]) -> None:
    """Beside the bars, over their whole height, nothing is printed for at
    least the quiet zone's width; and the modules are at least the minimum."""
    import zxingcpp
    from PIL import Image

    dpi = 600
    pdf = tmp_path / "one.pdf"
    labels = [LabelDoc("男式羊毛衫 L码 藏青 超长的名字会换行显示", 123450, code, "长征镇慈善超市")]
    render_labels(labels, template, pdf)
    crop = [] if template.startswith("thermal") else ["-x", "0", "-y", "0", "-W", "1700", "-H", "900"]  # first label
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", *crop, str(pdf),
                    str(tmp_path / "one")], check=True)
    (png,) = tmp_path.glob("one*.png")
    image = Image.open(png).convert("L")
    (result,) = zxingcpp.read_barcodes(image)
    assert normalise(result.text) == code
    px = image.load()
    width, height = image.size

    def dark(x: int, y: int) -> bool:
        return px[x, y] < 128

    # the bars: the cluster of dark pixels around the decoded centre, on the scanned row
    y_mid = (result.position.top_left.y + result.position.bottom_left.y) // 2
    x_mid = (result.position.top_left.x + result.position.top_right.x) // 2
    left, right = cluster([x for x in range(width) if dark(x, y_mid)], x_mid, gap=40)
    modules = {13: 95, 8: 67, 12: 95}[len(code)]
    module_mm = (right - left + 1) / modules / dpi * 25.4
    assert module_mm >= (0.25 if template.startswith("thermal") else 0.26) - 0.01
    # the bars' height: the first (guard) bar, top to bottom
    top, bottom = cluster([y for y in range(height) if dark(left + 1, y)], y_mid, gap=1)
    assert bottom - top > 5 / 25.4 * dpi  # at least 5 mm of bars
    q_left = round(quiet[0] * module_mm / 25.4 * dpi) - 1
    q_right = round(quiet[1] * module_mm / 25.4 * dpi) - 1
    assert left - q_left >= 0 and right + q_right < width, "quiet zones fall off the label"
    assert not any(dark(x, y) for y in range(top, bottom + 1) for x in range(left - q_left, left)), "left"
    assert not any(dark(x, y) for y in range(top, bottom + 1) for x in range(right + 1, right + 1 + q_right)), \
        "right"


def test_unknown_template_and_no_labels_are_value_errors() -> None:
    labels = make_labels(mixed_codes(2))
    with pytest.raises(ValueError, match="template"):
        render_labels(labels, "a5-2x4", io.BytesIO())
    with pytest.raises(ValueError):
        render_labels([], "a4-3x8", io.BytesIO())


def test_invalid_barcode_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    labels = make_labels(mixed_codes(3)) + [LabelDoc("坏码", 100, "2200000000017", "长征镇慈善超市")]
    out = io.BytesIO()
    with pytest.raises(InvalidBarcode):
        render_labels(labels, "thermal-40x30", out)
    assert out.getvalue() == b""


def test_writes_to_a_binary_stream() -> None:
    out = io.BytesIO()
    render_labels(make_labels(mixed_codes(25)), "a4-3x8", out)
    assert len(pypdf.PdfReader(io.BytesIO(out.getvalue())).pages) == 2
