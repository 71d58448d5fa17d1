"""Checking the rows of a household list: each row as a household draft with
every problem ``HouseholdService.register`` would find (``draft_of``), and
the card and ID numbers a file holds twice (``twice_in_file``)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial

from charity_pos.domain.identity import mask_id, normalize_id
from charity_pos.errors import CardTwiceInFile, IdTwiceInFile, InvalidInput, PosError
from charity_pos.services.household_import.headers import DATE_FIELDS, FIELDS, parse_date, plain_cell
from charity_pos.services.household_import.reading import RawRow
from charity_pos.services.household_rows import CATEGORY_NAMES, HouseholdCategory
from charity_pos.services.households import HouseholdDraft, household_problems

_CATEGORY_BY_NAME: dict[str, HouseholdCategory] = {
    **{name: category for category, name in CATEGORY_NAMES.items()},
    **{category.value: category for category in HouseholdCategory},
    "特困供养": HouseholdCategory.TEKUN,
    "低边": HouseholdCategory.DIBAO_EDGE,
    "临时": HouseholdCategory.TEMPORARY,
}
_CATEGORY_SUFFIXES = ("家庭", "人员", "对象", "户")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?E\+?\d+", re.IGNORECASE)


class _Unreadable(Exception):
    def __init__(self, problem: InvalidInput) -> None:
        self.problem = problem


def _text_cell(value: object) -> str:
    return "" if value is None else str(value).strip()


def _id_cell(value: object) -> str:
    if isinstance(value, float) or isinstance(value, str) and _SCIENTIFIC.fullmatch(plain_cell(value)):
        raise _Unreadable(InvalidInput(field="id_number", value="", reason="id_as_number"))
    return plain_cell(value).lstrip("'`")  # a leading ' keeps Excel from making it a number


def _members_cell(value: object) -> int:
    text = plain_cell(value)
    match = re.fullmatch(r"(\d{1,3})\s*人?", text)
    if isinstance(value, bool) or match is None:
        raise _Unreadable(InvalidInput(field="members", value=text, reason="not_a_number"))
    return int(match.group(1))


def _category_cell(value: object) -> HouseholdCategory:
    text = "".join(plain_cell(value).split())
    for candidate in (text, text.lower()):
        if candidate in _CATEGORY_BY_NAME:
            return _CATEGORY_BY_NAME[candidate]
    for suffix in _CATEGORY_SUFFIXES:
        if text.endswith(suffix) and text[: -len(suffix)] in _CATEGORY_BY_NAME:
            return _CATEGORY_BY_NAME[text[: -len(suffix)]]
    raise _Unreadable(InvalidInput(field="category", value=_text_cell(value), reason="relief_category"))


def _date_cell(name: str, value: object) -> date:
    parsed = parse_date(value)
    if parsed is None:
        raise _Unreadable(InvalidInput(field=name, value=plain_cell(value), reason="date_format"))
    return parsed


_PLACEHOLDERS: dict[str, object] = {"members": 1, "category": HouseholdCategory.DIBAO, "valid_from": date.min,
                                    "valid_to": date.min, "consent_on": date.min}


def draft_of(row: RawRow) -> tuple[HouseholdDraft | None, list[InvalidInput]]:
    """The row as a household draft, and every problem with it: empty cells,
    cells that are not a number, a category or a date, and everything
    ``register`` would refuse (it is ``register``'s own check). The draft is
    None when there is any problem."""
    readers: dict[str, Callable[[object], object]] = {
        "card_number": plain_cell, "head_name": _text_cell, "id_number": _id_cell, "members": _members_cell,
        "category": _category_cell, "subdistrict": _text_cell, "certificate_ref": _text_cell,
        **{name: partial(_date_cell, name) for name in DATE_FIELDS},
    }
    values: dict[str, object] = {}
    problems: dict[str, InvalidInput] = {}
    for name in FIELDS:
        raw = row.values.get(name)
        if raw is None:
            problems[name] = InvalidInput(field=name, value="", reason="empty")
            continue
        try:
            values[name] = readers[name](raw)
        except _Unreadable as exc:
            problems[name] = exc.problem
    draft = HouseholdDraft(**{name: values.get(name, _PLACEHOLDERS.get(name, "")) for name in FIELDS})  # type: ignore[arg-type]
    unread = frozenset(problems)
    _checked, found = household_problems(draft, skip=unread)
    for problem in found:
        problems.setdefault(str(problem.field), problem)
    if problems:
        order = {name: i for i, name in enumerate(FIELDS)}
        return None, [problems[name] for name in sorted(problems, key=lambda n: order.get(n, len(order)))]
    assert _checked is not None
    # The checked values (card upper-cased, texts tidied, ID validated) are what gets imported.
    return HouseholdDraft(_checked.card_number, _checked.head_name, _checked.id_number, _checked.members,
                          _checked.category, _checked.subdistrict, _checked.certificate_ref, _checked.valid_from,
                          _checked.valid_to, _checked.consent_on), []


def twice_in_file(rows: Sequence[RawRow]) -> dict[int, list[PosError]]:
    """Every row that shares a card or an ID number with another row of the
    same file, by row number, with the rows it shares it with (the ID
    number masked). A row not listed shares neither."""
    by_card: dict[str, list[int]] = defaultdict(list)
    by_id: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        card = "".join(plain_cell(row.values.get("card_number") or "").split()).upper()
        if card:
            by_card[card].append(row.row_number)
        number = row.values.get("id_number")
        if number is not None and not isinstance(number, float):
            number = normalize_id(plain_cell(number))
            if len(number) == 18:
                by_id[number].append(row.row_number)
    found: dict[int, list[PosError]] = defaultdict(list)
    for card, numbers in by_card.items():
        if len(numbers) > 1:
            for n in numbers:
                found[n].append(CardTwiceInFile(value=card, rows=numbers))
    for number, numbers in by_id.items():
        if len(numbers) > 1:
            for n in numbers:
                found[n].append(IdTwiceInFile(value=mask_id(number), rows=numbers))
    return dict(found)
