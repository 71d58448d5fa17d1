"""The register's rows, and its listing in plain SQL: what the household
service lists and what ``show households`` reads through the driver alone
(no SQLAlchemy)."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class HouseholdCategory(StrEnum):
    DIBAO = "dibao"  # 低保
    DIBAO_EDGE = "dibao_edge"  # 低保边缘
    TEKUN = "tekun"  # 特困
    LOW_INCOME = "low_income"  # 低收入
    EXPENSE = "expense"  # 支出型贫困
    TEMPORARY = "temporary"  # 临时救助


CATEGORY_NAMES = {
    HouseholdCategory.DIBAO: "低保",
    HouseholdCategory.DIBAO_EDGE: "低保边缘",
    HouseholdCategory.TEKUN: "特困",
    HouseholdCategory.LOW_INCOME: "低收入",
    HouseholdCategory.EXPENSE: "支出型贫困",
    HouseholdCategory.TEMPORARY: "临时救助",
}


@dataclass(frozen=True)
class HouseholdRow:
    id: uuid.UUID
    card_number: str
    head_name: str
    id_masked: str
    members: int
    category: HouseholdCategory
    subdistrict: str
    valid_from: date
    valid_to: date
    status: str
    status_reason: str = ""  # a manager's words when the card is suspended
    erased: bool = False  # personal data erased after eligibility lapsed

    def state_on(self, today: date) -> str:
        """The card's real state on a day (active, suspended, expired): an
        active card whose valid_to has passed is expired, whatever the
        status column still says (the nightly run may not have marked it)."""
        if self.status == "active" and self.valid_to < today:
            return "expired"
        return self.status


#: A household's row as ``HouseholdRow`` takes it.
HOUSEHOLDS = ("SELECT id, card_number, head_name, id_masked, members, category, subdistrict, valid_from, valid_to,"
              " status, status_reason, erased_at IS NOT NULL FROM household")


def households(raw: sqlite3.Connection) -> list[HouseholdRow]:
    """Every household of the register, by card number."""
    return [HouseholdRow(uuid.UUID(household_id), card, head, masked, members, HouseholdCategory(category), subdistrict,
                         date.fromisoformat(valid_from), date.fromisoformat(valid_to), status, reason or "",
                         bool(erased))
            for household_id, card, head, masked, members, category, subdistrict, valid_from, valid_to, status, reason,
            erased in raw.execute(HOUSEHOLDS + " ORDER BY card_number")]
