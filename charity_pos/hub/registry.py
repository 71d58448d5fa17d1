"""The district's household registry at the hub, from the sub-districts'
lists (.xlsx or .csv), checked exactly as a store checks them
(``services.household_import``: the same reading, the same row checks,
duplicates within the file), and against the hub's registry by card number
and by the district hash of the ID number.

The hub keeps a household's name, masked ID number and district hash
(``charity_pos.sync.district``), never the whole number. The good rows go in
one transaction; the bad ones go back to the office in the reject file, as
the store's import writes it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from charity_pos import messages
from charity_pos.domain.identity import mask_id, normalize_id
from charity_pos.errors import (
    CardAlreadyRegistered,
    CardTwiceInFile,
    HubImportFailed,
    IdAlreadyRegistered,
    IdTwiceInFile,
    NoRowsToImport,
    PosError,
    RejectsNotWritten,
)
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import HubHousehold
from charity_pos.hub.service import district_match_key, hub_info, protected
from charity_pos.services import household_import as hi
from charity_pos.services.base import Clock, system_clock
from charity_pos.services.households import HouseholdDraft
from charity_pos.sync.district import district_hash

log = logging.getLogger("charity_pos.hub")

ACTIVE = "active"


@dataclass(frozen=True)
class RegistryImport:
    preview: hi.ImportPreview
    imported: int
    #: the reject file written (None when every row was good, or it could not be put in place)
    rejects: Path | None
    #: the households went in, then the reject file could not be put in place
    rejects_error: RejectsNotWritten | None = None


def _english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


def preview(db: HubDatabase, path: Path | str, describe: hi.Describe | None = None) -> hi.ImportPreview:
    """Every row checked as the store checks it, and against the hub's registry. Writes nothing."""
    describe = describe or _english
    key = district_match_key(hub_info(db).id)
    sheet = hi.read_sheet(path)
    if not sheet.rows:
        raise NoRowsToImport(path=str(sheet.path))
    parsed = [(row, *hi.draft_of(row)) for row in sheet.rows]
    problems: dict[int, list[PosError]] = {row.row_number: list(found) for row, _, found in parsed}

    by_card: dict[str, list[int]] = defaultdict(list)
    by_id: dict[str, list[int]] = defaultdict(list)
    for row, _draft, _found in parsed:
        card = "".join(hi.plain_cell(row.values.get("card_number") or "").split()).upper()
        if card:
            by_card[card].append(row.row_number)
        number = row.values.get("id_number")
        if number is not None and not isinstance(number, float):
            number = normalize_id(hi.plain_cell(number))
            if len(number) == 18:
                by_id[number].append(row.row_number)
    for card, rows in by_card.items():
        if len(rows) > 1:
            for n in rows:
                problems[n].append(CardTwiceInFile(value=card, rows=rows))
    for number, rows in by_id.items():
        if len(rows) > 1:
            for n in rows:
                problems[n].append(IdTwiceInFile(value=mask_id(number), rows=rows))

    candidates = [(row, draft) for row, draft, _ in parsed if draft is not None]
    if candidates:
        with db.read() as s:
            cards = set(s.scalars(select(HubHousehold.card_number)))
            hashes = set(s.scalars(select(HubHousehold.district_hash)))
        for row, draft in candidates:
            if draft.card_number in cards:
                problems[row.row_number].append(CardAlreadyRegistered(field="card_number", value=draft.card_number))
            if district_hash(key, draft.id_number) in hashes:
                problems[row.row_number].append(IdAlreadyRegistered(field="id_number",
                                                                    value=mask_id(draft.id_number)))

    good: list[HouseholdDraft] = []
    good_rows: list[int] = []
    bad: list[hi.BadRow] = []
    for row, checked, _found in parsed:
        errors = problems[row.row_number]
        if errors:
            bad.append(hi.BadRow(row.row_number, hi.masked_values(row), [describe(e) for e in errors], tuple(errors),
                                 row.cells))
        else:
            assert checked is not None  # a row without a draft has its problems
            good.append(checked)
            good_rows.append(row.row_number)
    return hi.ImportPreview(good, bad, tuple(good_rows), sheet)


def _row(draft: HouseholdDraft, key: bytes, now) -> HubHousehold:  # type: ignore[no-untyped-def]
    return HubHousehold(card_number=draft.card_number, head_name=draft.head_name, id_masked=mask_id(draft.id_number),
                        district_hash=district_hash(key, draft.id_number), members=draft.members,
                        category=str(draft.category.value), subdistrict=draft.subdistrict,
                        certificate_ref=draft.certificate_ref or None, valid_from=draft.valid_from,
                        valid_to=draft.valid_to, status=ACTIVE, consent_on=draft.consent_on, imported_at=now)


def import_households(db: HubDatabase, path: Path | str, describe: hi.Describe | None = None, *,
                      clock: Clock = system_clock, force: bool = False) -> RegistryImport:
    """Import the good rows in one transaction and write the bad ones to
    ``<stem>.rejects.<ext>`` beside the file, as the store's import does
    (``household_import.import_with_rejects``): the reject file is written
    first, so a path that cannot take it imports nothing; should only its
    final rename fail, ``rejects_error`` says so and how many went in."""
    result = preview(db, path, describe)
    hub_id = hub_info(db).id
    key = district_match_key(hub_id)
    now = clock()

    def save(good: list[HouseholdDraft]) -> int:
        try:
            with db.begin() as s:
                s.add_all([_row(d, key, now) for d in good])
        except IntegrityError:  # the same household imported at the same moment by another process
            raise HubImportFailed(path=str(path), detail="a household of the file was registered meanwhile; "
                                                         "import the file again") from None
        return len(good)

    done = hi.import_with_rejects(result, path, save, protected(db, hub_id), force=force)
    log.info("registry import of %s: %d imported, %d rejected", Path(path).name, done.saved or 0, len(result.bad))
    return RegistryImport(result, done.saved or 0, done.rejects, done.rejects_error)
