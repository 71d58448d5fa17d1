"""The words for the registry's codes, in the user's language: household
categories, quota periods and modes."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from charity_pos.services.households import HouseholdCategory

CONTEXT = "Households"

#: In the order the sub-district lists them.
CATEGORIES = tuple(HouseholdCategory)

_CATEGORY = {
    HouseholdCategory.DIBAO: QT_TRANSLATE_NOOP("Households", "Subsistence allowance"),  # 低保
    HouseholdCategory.DIBAO_EDGE: QT_TRANSLATE_NOOP("Households", "Near subsistence"),  # 低保边缘
    HouseholdCategory.TEKUN: QT_TRANSLATE_NOOP("Households", "Extreme poverty"),  # 特困
    HouseholdCategory.LOW_INCOME: QT_TRANSLATE_NOOP("Households", "Low income"),  # 低收入
    HouseholdCategory.EXPENSE: QT_TRANSLATE_NOOP("Households", "Poverty from expenses"),  # 支出型贫困
    HouseholdCategory.TEMPORARY: QT_TRANSLATE_NOOP("Households", "Temporary relief"),  # 临时救助
}

_PERIOD = {
    "month": QT_TRANSLATE_NOOP("Households", "Per month"),
    "quarter": QT_TRANSLATE_NOOP("Households", "Per quarter"),
}

_MODE = {
    "enforce": QT_TRANSLATE_NOOP("Households", "Enforce"),
    "warn": QT_TRANSLATE_NOOP("Households", "Warn only"),
}


def _tr(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))  # the text QT_TRANSLATE_NOOP gave back


def category_name(category: HouseholdCategory | str) -> str:
    try:
        return _tr(_CATEGORY[HouseholdCategory(category)])
    except ValueError:
        return str(category)


def period_name(period: str) -> str:
    return _tr(_PERIOD[period]) if period in _PERIOD else period


def mode_name(mode: str) -> str:
    return _tr(_MODE[mode]) if mode in _MODE else mode
