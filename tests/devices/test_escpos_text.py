"""Columns, wrapping and GB18030: a Chinese character takes two columns,
and so does anything the printer draws from its Chinese font."""

from __future__ import annotations

import pytest

from charity_pos.demo.products import POVERTY_RELIEF, PRODUCTS, catalog_sample
from charity_pos.devices.escpos_text import char_columns, columns, encode, printable, wrap
from charity_pos.services.catalog import DEFAULT_CATEGORIES


def test_columns_of_chinese_ascii_and_the_signs_a_chinese_font_draws_wide() -> None:
    assert columns("大米") == 4 and columns("5kg") == 3
    assert columns("×") == 2 and columns("·") == 2, "ambiguous width, but a two-byte code: full width"
    assert columns("¥12.50") == 7, "printed as ￥, full width"
    assert char_columns("Ａ") == 2


def test_every_character_of_the_demo_catalog_encodes_in_gb18030_as_a_printer_font_has_it() -> None:
    texts = [name for _c, name, unit, *_ in PRODUCTS] + [unit for _c, _n, unit, *_ in PRODUCTS]
    texts += [name for _c, name, *_ in POVERTY_RELIEF] + [unit for _c, _n, unit, *_ in POVERTY_RELIEF]
    texts += [name for _code, name in DEFAULT_CATEGORIES]
    for text in texts:
        data = encode(text)
        assert data.decode("gb18030") == text, text
        for ch in text:  # ASCII, or a two-byte code: no four-byte code a GBK font lacks
            assert len(ch.encode("gb18030")) in (1, 2), (text, ch)
            assert columns(ch) == len(ch.encode("gb18030")), (text, ch)
    assert set(catalog_sample()) == {ch for text in texts for ch in text}


def test_control_characters_in_a_name_print_as_spaces() -> None:
    assert printable("大米\t5kg\r\n") == "大米 5kg  "
    assert b"\t" not in encode("a\tb") and b"\x1b" not in encode("\x1b@")


@pytest.mark.parametrize("width", [32, 48, 13, 2])
def test_wrapping_never_passes_the_width_nor_loses_or_splits_a_character(width: int) -> None:
    texts = [name for _c, name, *_ in PRODUCTS[:80]] + ["感谢您支持慈善事业！善款善物，用于帮困。",
                                                       "Nestle Milk Powder 850g for the elderly, iron tin"]
    for text in texts:
        lines = wrap(text, width)
        assert all(columns(line) <= width for line in lines), (text, lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_latin_word_moves_whole_and_a_phrase_breaks_after_its_comma() -> None:
    assert wrap("Nestle Milk Powder for the elderly", 20) == ["Nestle Milk Powder", "for the elderly"]
    assert wrap("感谢您支持慈善事业！善款善物，用于帮困。", 32) == ["感谢您支持慈善事业！善款善物，", "用于帮困。"]
    assert wrap("奶粉 850g (企业捐赠)", 12) == ["奶粉 850g", "(企业捐赠)"]
    assert wrap("", 32) == [""]
