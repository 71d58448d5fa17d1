"""Write-offs (报损) as plain rules and papers: the reasons, what each needs
beside it, when a manager must approve, and what the W document (报损单)
says. No database, no Qt; money in fen.

The value a write-off is judged by is the goods' **sale price** times the
units: it is known for every lot (donated goods may have no donation value,
bought goods and a count's surplus never have one), it is what the store
loses in sales, and it cannot be brought under the limit by choosing
unvalued goods. The donation value is kept beside it for the ledgers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: the reasons in the order the screens offer them (keys 1-6), with their Chinese and English words
REASONS: dict[str, tuple[str, str]] = {
    "damaged": ("破损", "Damaged"),
    "expired": ("过期", "Expired"),
    "spoiled": ("变质", "Spoiled"),
    "unfit": ("不宜销售", "Unfit for sale"),
    "donated_on": ("转赠", "Given to another charity"),
    "other": ("其他", "Other"),
}
#: the reason that needs the receiving organisation's name
DONATED_ON = "donated_on"
#: the reason that needs a text saying what happened
OTHER = "other"
NOTE_LIMIT = 200
RECIPIENT_LIMIT = 100
#: at most this many lines on one W document
MAX_LINES = 200


def reason_name(reason: str, language: str = "zh_CN") -> str:
    """A reason's word in ``language`` (``zh_CN`` or ``en``); the code itself for one not known."""
    zh, en = REASONS.get(reason, (reason, reason))
    return en if language == "en" else zh


def reason_words(reason: str, note: str = "", recipient: str = "") -> str:
    """The reason as a paper says it: 破损, 转赠：浦东新区慈善超市, 其他：被水淹."""
    word = REASONS.get(reason, (reason, reason))[0]
    extra = recipient if reason == DONATED_ON else note
    return f"{word}：{extra}" if extra else word


def beyond_limit(value_fen: int, limit_fen: int) -> bool:
    """Does a write-off of ``value_fen`` need a manager? Only beyond the limit, not at it."""
    return value_fen > limit_fen


@dataclass(frozen=True)
class WriteoffPaperLine:
    name: str
    unit: str
    lot_code: str
    origin: str  # 捐赠, 采购, 盘盈, 未入库 (the paper's words)
    document: str
    expiry: str  # ISO date or ""
    quantity: int
    unit_price_fen: int
    amount_fen: int
    #: the donation's value of these units (None: not donated, or unvalued)
    value_fen: int | None


@dataclass(frozen=True)
class WriteoffPaper:
    """A W document (报损单) as printed: A4, the lines, the reason, the
    value, who recorded it and who approved, and lines for two signatures."""

    store_name: str
    store_code: str
    number: str
    at: datetime
    reason: str
    reason_text: str
    lines: tuple[WriteoffPaperLine, ...]
    value_fen: int
    donation_value_fen: int
    recorded_by: str
    approved_by: str  # "" when none was needed
    approval_reason: str
    limit_fen: int
    training: bool = False
