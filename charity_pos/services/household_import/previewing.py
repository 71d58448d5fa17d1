"""The preview of a household list: every row checked (``validation``), for
duplicates within the file and against a registry, the good rows as drafts
and the bad ones with their reasons and masked values. The store's preview
(``preview``) and the hub's (``charity_pos.hub.registry``) are the same
check (``preview_file``) against their own registries (``Registered``)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from charity_pos.db.models import Household
from charity_pos.domain.identity import mask_id, mask_name, normalize_id
from charity_pos.errors import CardAlreadyRegistered, IdAlreadyRegistered, NoRowsToImport, PosError
from charity_pos.services.base import ServiceContext
from charity_pos.services.household_import.headers import FIELDS, plain_cell
from charity_pos.services.household_import.reading import RawRow, Sheet, read_sheet
from charity_pos.services.household_import.validation import draft_of, twice_in_file
from charity_pos.services.households import HouseholdDraft, HouseholdService

Describe = Callable[[BaseException], str]


@dataclass(frozen=True)
class BadRow:
    row_number: int
    #: the row's values for showing: names, ID numbers and certificate
    #: references masked
    values: dict[str, str]
    #: why, in the user's words
    reasons: list[str]
    #: the same, as errors (their facts hold no name and no whole ID number)
    errors: tuple[PosError, ...] = field(repr=False, default=())
    #: the row as the office sent it: for the reject file only
    cells: tuple[object, ...] = field(repr=False, default=())

    @property
    def household(self) -> str:
        """The household as a list of bad rows names it: card number, masked
        name and masked ID number, those the row has."""
        return " ".join(v for v in (self.values["card_number"], self.values["head_name"], self.values["id_number"])
                        if v)


@dataclass(frozen=True)
class ImportPreview:
    good: list[HouseholdDraft]
    bad: list[BadRow]
    #: the file's row number of each good draft
    good_rows: tuple[int, ...] = ()
    sheet: Sheet | None = field(repr=False, default=None)

    @property
    def total(self) -> int:
        return len(self.good) + len(self.bad)


@dataclass(frozen=True)
class Registered:
    """What a registry holds that a file's households are checked against:
    its card numbers, and its ID numbers' hashes with the function that
    hashes an ID number the same way."""

    cards: Collection[str]
    id_hashes: Collection[str]
    hash_id: Callable[[str], str]


def _code(error: BaseException) -> str:
    """A reason as a code, the error's name: what a preview says when its caller gives no wording (the callers
    pass theirs, ``charity_pos.i18n.describe``; the services word nothing)."""
    return type(error).__name__


def _mask_text(text: str) -> str:
    return text[:1] + "*" * (len(text) - 1) if text else ""


def masked_values(row: RawRow) -> dict[str, str]:
    """The row's values for showing anywhere outside the reject file."""
    shown: dict[str, str] = {}
    for name in FIELDS:
        value = row.values.get(name)
        if value is None:
            shown[name] = ""
            continue
        text = plain_cell(value)
        if name == "head_name":
            text = mask_name(text)
        elif name == "id_number" and isinstance(value, float):
            text = f"{value:.6g}"  # what Excel shows of a number that lost its digits
        elif name == "id_number":
            number = normalize_id(text)
            text = mask_id(number) if len(number) >= 14 else "*" * len(number)
        elif name == "certificate_ref":
            text = _mask_text(text)
        shown[name] = text
    return shown


def preview_file(path: Path | str, registered: Callable[[], Registered],
                 describe: Describe | None = None,
                 extra: Callable[[RawRow], list[PosError]] | None = None) -> ImportPreview:
    """Read the file and check every row: as ``register`` checks it, for a
    card or ID number the file holds twice (every such row is bad), and
    against the registry ``registered`` reads (asked only when some row
    passed its own check). Writes nothing. ``extra`` checks what else the caller keeps of a row (the hub's
    contact phone): its problems make the row bad too. ``describe`` turns errors into the user's
    words (without it, a reason is its error's code: ``_code``)."""
    describe = describe or _code
    sheet = read_sheet(path)
    if not sheet.rows:
        raise NoRowsToImport(path=str(sheet.path))
    parsed = [(row, *draft_of(row)) for row in sheet.rows]
    problems: dict[int, list[PosError]] = {row.row_number: list(found) for row, _, found in parsed}
    if extra is not None:
        for row in sheet.rows:
            problems[row.row_number].extend(extra(row))
    for number, twice in twice_in_file(sheet.rows).items():
        problems[number].extend(twice)

    # Against the registry: by card number, and by the ID number's hash.
    candidates = [(row, draft) for row, draft, _ in parsed if draft is not None]
    if candidates:
        registry = registered()
        for row, draft in candidates:
            if draft.card_number in registry.cards:
                problems[row.row_number].append(CardAlreadyRegistered(field="card_number", value=draft.card_number))
            if registry.hash_id(draft.id_number) in registry.id_hashes:
                problems[row.row_number].append(IdAlreadyRegistered(field="id_number",
                                                                    value=mask_id(draft.id_number)))

    good: list[HouseholdDraft] = []
    good_rows: list[int] = []
    bad: list[BadRow] = []
    for row, drafted, _found in parsed:
        errors = problems[row.row_number]
        if errors:
            bad.append(BadRow(row.row_number, masked_values(row), [describe(e) for e in errors], tuple(errors),
                              row.cells))
        else:
            assert drafted is not None
            good.append(drafted)
            good_rows.append(row.row_number)
    return ImportPreview(good, bad, tuple(good_rows), sheet)


def _service(source: object) -> HouseholdService:
    if isinstance(source, HouseholdService):
        return source
    households = getattr(source, "households", None)
    if isinstance(households, HouseholdService):
        return households
    if isinstance(source, ServiceContext):
        from charity_pos.services.accounts import AccountService

        return HouseholdService(source, AccountService(source))
    raise TypeError(f"preview needs the services, the household service or a service context, not {type(source)}")


def preview(source: object, path: Path | str, describe: Describe | None = None) -> ImportPreview:
    """Read the file and check every row against the store's registry
    (``preview_file``): which rows would be imported and which not, and why.
    Writes nothing. ``source`` is the store's services (or their household
    service, or a service context); ``describe`` turns errors into the
    user's words (``charity_pos.i18n.describe``; its error's code without it)."""
    households = _service(source)

    def registered() -> Registered:
        # by card number, and by the ID number's keyed hash
        keys = households.keys()
        with households.ctx.db.read() as s:
            cards = set(s.scalars(select(Household.card_number)))
            hashes = set(s.scalars(select(Household.id_hash)))
        return Registered(cards, hashes, keys.match_hash)

    return preview_file(path, registered, describe)
