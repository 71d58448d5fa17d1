"""What the handout slip says on either paper: its fixed words, the
household, the allowance, the override, the marks (培训, 重打)."""

from __future__ import annotations

from typing import Any

from charity_pos.domain.money import format_fen
from charity_pos.domain import vocabulary
from charity_pos.domain.documents import HandoutSlipDoc

TITLE = "物资发放单"
OVER_MARK = "※ 超额"
OVER_LEGEND = "※ 超额：超出本期额度发放的物品"
DECLARATION = "本人确认已如数领取上列物资。"
SIGN_RECIPIENT = "领取人签字："
SIGN_DATE = "日期："
SIGN_HANDLER = "经办人："
DASH = "—"



def marks_of(doc: HandoutSlipDoc) -> list[str]:
    marks = [vocabulary.TRAINING] if doc.training else []
    return marks + ([f"重打（第{doc.reprint_count}次）"] if doc.reprint_count > 0 else [])


def household(doc: HandoutSlipDoc) -> list[tuple[str, str]]:
    return [("救助卡号", doc.card_number), ("户主", doc.head_name_masked), ("身份证号", doc.id_masked),
            ("家庭人数", f"{doc.members} 人"), ("救助类别", doc.category), ("发放周期", doc.period)]


def allowance(doc: HandoutSlipDoc) -> list[tuple[str, str]]:
    return [("本期额度", format_fen(doc.allowance_fen)), ("发放前剩余", format_fen(doc.remaining_before_fen)),
            ("本次发放", format_fen(doc.total_value_fen)), ("发放后剩余", format_fen(doc.remaining_after_fen))]


def overdrawn_note(doc: HandoutSlipDoc) -> str:
    if doc.remaining_after_fen >= 0:
        return ""
    return f"本次超出额度 {format_fen(-doc.remaining_after_fen)}"


def has_override(doc: HandoutSlipDoc) -> bool:
    return bool(doc.override_reason.strip()) or bool(doc.approved_by)


def override(doc: HandoutSlipDoc) -> list[tuple[str, str]]:
    return [("超额原因", doc.override_reason.strip() or "（未填写）"), ("批准店长", doc.approved_by or DASH)]


def pieces(doc: HandoutSlipDoc) -> str:
    return f"共 {len(doc.lines)} 项 {sum(line.quantity for line in doc.lines)} 件"


def meta(doc: HandoutSlipDoc) -> dict[str, Any]:  # ReportLab takes them as keywords of many types
    return {"title": f"{TITLE} {doc.number}", "author": doc.store_name, "subject": doc.at}
