"""The columns of a household list and the plain form of its cells: which
field each column holds (found by its Chinese or English name), a cell as
text, and a date as offices write it."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

#: The fields of a household row, in the order the sub-district's lists have them.
FIELDS = ("card_number", "head_name", "id_number", "members", "category", "subdistrict", "certificate_ref",
          "valid_from", "valid_to", "consent_on")
DATE_FIELDS = ("valid_from", "valid_to", "consent_on")
#: Columns a list may have and need not: read when there, checked by whoever uses them (the hub keeps the
#: contact phone, ``charity_pos.hub.registry``; a store's import leaves it).
OPTIONAL_FIELDS = ("phone",)

#: The column names each field is found by: the sub-district's own first,
#: then other ways offices write them, then the English field name.
HEADERS: dict[str, tuple[str, ...]] = {
    "card_number": ("救助证号", "卡号", "救助卡号", "救助证编号", "帮困卡号", "证号", "card_number", "card"),
    "head_name": ("户主姓名", "户主", "姓名", "head_name", "name"),
    "id_number": ("身份证号", "身份证号码", "户主身份证号", "户主身份证号码", "公民身份号码", "证件号码",
                  "id_number"),
    "members": ("家庭人数", "人数", "家庭人口", "家庭成员人数", "保障人数", "members"),
    "category": ("救助类别", "类别", "救助类型", "保障类别", "category"),
    "subdistrict": ("认定街道", "街道", "街镇", "所属街道", "subdistrict"),
    "certificate_ref": ("认定文书号", "文书号", "认定文号", "认定文书编号", "certificate_ref", "certificate"),
    "valid_from": ("有效期起", "有效期开始", "起始日期", "开始日期", "valid_from"),
    "valid_to": ("有效期止", "有效期结束", "截止日期", "结束日期", "valid_to"),
    "consent_on": ("同意日期", "知情同意日期", "授权同意日期", "consent_on", "consent_date", "consent"),
    "phone": ("联系电话", "电话", "手机", "手机号", "手机号码", "电话号码", "phone", "telephone"),
}

#: How far down a header row is looked for (offices put a title above it).
HEADER_SEARCH_ROWS = 20
#: How many fields a row must name to be taken for the header row.
MIN_HEADER_MATCHES = 3

_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]0{1,2}:00(?::00(?:\.0+)?)?)?")
_DATE_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})")
#: Excel's serial day numbers taken as dates: 1950-01-01 .. 2099-12-31.
_EXCEL_SERIALS = range(18264, 73051)
_EXCEL_EPOCH = date(1899, 12, 30)


def _header_key(cell: object) -> str:
    text = unicodedata.normalize("NFKC", str(cell or ""))
    text = re.sub(r"\(.*?\)|（.*?）|【.*?】|\[.*?\]", "", text)
    return "".join(text.split()).strip("*:：").lower()


_HEADER_FIELDS = {_header_key(name): name_field for name_field, names in HEADERS.items() for name in names}


def field_of(cell: object) -> str | None:
    """The field a header cell names (``救助证号/卡号``, ``身份证号（18位）``,
    ``card_number``), or None."""
    key = _header_key(cell)
    if not key:
        return None
    if key in _HEADER_FIELDS:
        return _HEADER_FIELDS[key]
    for part in re.split(r"[/、|]", key):  # 救助证号/卡号
        if part in _HEADER_FIELDS:
            return _HEADER_FIELDS[part]
    return None


def plain_cell(value: object) -> str:
    """A cell as text: whole numbers without their ``.0``, full-width
    letters and digits made plain."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == time() else value
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_date(value: object) -> date | None:
    """A date as offices write it: an Excel date (or its serial number),
    2026-01-31, 2026/1/31, 2026.1.31, 2026年1月31日 or 20260131; None if it is none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if value in _EXCEL_SERIALS:
            return _EXCEL_EPOCH + timedelta(days=value)
        value = str(value)
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip()
    match = _DATE_TEXT.fullmatch(text) or _DATE_DIGITS.fullmatch(text)
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
