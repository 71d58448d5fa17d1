"""The district's household registry at the hub, from the sub-districts'
lists (.xlsx or .csv), checked exactly as a store checks them
(``services.household_import``: the same reading, the same row checks,
duplicates within the file), and against the hub's registry by card number
and by the district hash of the ID number.

The hub keeps a household's name, masked ID number and district hash
(``charity_pos.sync.district``), never the whole number, and the contact
phone when the list has that column (联系电话 / 电话 / Phone): a mainland
mobile or a landline with its area code, checked like the other fields. The
phone stays at the hub, for district staff to call: no downstream bundle and
no log carries it. The good rows go in
one transaction; the bad ones go back to the office in the reject file, as
the store's import writes it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from charity_pos.domain.identity import mask_id
from charity_pos.errors import HubImportFailed, InvalidInput, PosError, RejectsNotWritten
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import HubHousehold
from charity_pos.hub.service import district_match_key, hub_info, protected
from charity_pos.services import household_import as hi
from charity_pos.services.base import Clock, system_clock
from charity_pos.services.households import HouseholdDraft
from charity_pos.sync.district import district_hash

log = logging.getLogger("charity_pos.hub")

ACTIVE = "active"

#: a mainland mobile number, or a landline with its area code (0 and 2-3 digits), digits and one dash
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?[1-9]\d{6,7}")


def phone_of(value: object) -> str | None:
    """A list's contact phone cell as kept: ``13812344506`` or ``021-54321234`` (spaces dropped, full-width
    digits made plain); None for an empty cell. InvalidInput (no value: a phone is not repeated in
    messages) for anything else."""
    if value is None:
        return None
    text = "".join(hi.plain_cell(value).split()).lstrip("'`")
    text = unicodedata.normalize("NFKC", text).replace("－", "-")
    if not text:
        return None
    if _MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text):
        return text
    raise InvalidInput(field="phone", value="", reason="contact_phone")


def _phone_problems(row: hi.RawRow) -> list[PosError]:
    try:
        phone_of(row.values.get("phone"))
    except InvalidInput as exc:
        return [exc]
    return []


@dataclass(frozen=True)
class RegistryImport:
    preview: hi.ImportPreview
    imported: int
    #: the reject file written (None when every row was good, or it could not be put in place)
    rejects: Path | None
    #: the households went in, then the reject file could not be put in place
    rejects_error: RejectsNotWritten | None = None


def preview(db: HubDatabase, path: Path | str, describe: hi.Describe | None = None) -> hi.ImportPreview:
    """Every row checked as the store checks it (``household_import.preview_file``), and against the
    hub's registry: by card number and by the district hash of the ID number. Writes nothing."""
    key = district_match_key(hub_info(db).id)

    def registered() -> hi.Registered:
        with db.read() as s:
            cards = set(s.scalars(select(HubHousehold.card_number)))
            hashes = set(s.scalars(select(HubHousehold.district_hash)))
        return hi.Registered(cards, hashes, lambda number: district_hash(key, number))

    return hi.preview_file(path, registered, describe, _phone_problems)


def _row(draft: HouseholdDraft, phone: str | None, key: bytes, now: datetime) -> HubHousehold:
    return HubHousehold(card_number=draft.card_number, head_name=draft.head_name, id_masked=mask_id(draft.id_number),
                        district_hash=district_hash(key, draft.id_number), members=draft.members,
                        category=str(draft.category.value), subdistrict=draft.subdistrict,
                        certificate_ref=draft.certificate_ref or None, valid_from=draft.valid_from,
                        valid_to=draft.valid_to, status=ACTIVE, consent_on=draft.consent_on, imported_at=now,
                        phone=phone)


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
    cells = {row.row_number: row.values.get("phone") for row in result.sheet.rows} if result.sheet else {}
    phones = [phone_of(cells.get(number)) for number in result.good_rows]

    def save(good: list[HouseholdDraft]) -> int:
        try:
            with db.begin() as s:
                s.add_all([_row(d, phone, key, now) for d, phone in zip(good, phones, strict=True)])
        except IntegrityError:  # the same household imported at the same moment by another process
            raise HubImportFailed(path=str(path), detail="a household of the file was registered meanwhile; "
                                                         "import the file again") from None
        return len(good)

    done = hi.import_with_rejects(result, path, save, protected(db, hub_id), force=force)
    log.info("registry import of %s: %d imported, %d rejected", Path(path).name, done.saved or 0, len(result.bad))
    return RegistryImport(result, done.saved or 0, done.rejects, done.rejects_error)
