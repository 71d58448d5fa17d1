"""Typed errors raised below the UI.

Each error carries the facts (as attributes); it never carries a sentence for
the user. ``charity_pos.messages`` turns each one into a translated sentence,
so the command line and the screens say the same thing.
"""

from __future__ import annotations


class PosError(Exception):
    """Base of every error a user can cause and be told about."""

    def __init__(self, **facts: object) -> None:
        self.facts = facts
        super().__init__(", ".join(f"{k}={v!r}" for k, v in facts.items()))

    def __getattr__(self, name: str) -> object:
        facts = self.__dict__.get("facts", {})
        if name in facts:
            return facts[name]
        raise AttributeError(name)


# --- store files -----------------------------------------------------------
class StoreNotFound(PosError):
    """No file at the path (facts: path)."""


class StoreFileExists(PosError):
    """init refuses to touch an existing file (facts: path)."""


class NotAStoreDatabase(PosError):
    """The file is not a charity-pos store database (facts: path)."""


class NewerDatabase(PosError):
    """Written by a newer charity-pos (facts: path, revision)."""


class StoreInUse(PosError):
    """Another running charity-pos holds the file (facts: path)."""


class CorruptDatabase(PosError):
    """SQLite reports damage (facts: path, detail)."""


class StoreDiskFull(PosError):
    """The disk under the store file is full: the unit of work was rolled
    back and nothing of it was saved (facts: path)."""


class TrainingStore(PosError):
    """The store is a training copy (培训), which never sends, receives or
    registers a sync bundle, nor is copied for training again (facts: what:
    export, import, register, trust, training)."""


# --- input -----------------------------------------------------------------
class InvalidInput(PosError):
    """A field's value is not acceptable (facts: field, value, reason)."""


class InvalidBarcode(PosError):
    """Wrong length, non-digits or wrong check digit (facts: barcode, reason)."""


class DuplicateBarcode(PosError):
    """The barcode already belongs to another item (facts: barcode, item_name)."""


class DuplicateName(PosError):
    """A name that must be unique is taken (facts: field, value)."""


class NotFound(PosError):
    """A record does not exist (facts: kind, key)."""


class UnknownBarcode(PosError):
    """No item carries this barcode (facts: barcode)."""


# --- accounts --------------------------------------------------------------
class WrongPin(PosError):
    """The PIN does not match (facts: username, attempts_left)."""


class AccountLocked(PosError):
    """Too many wrong PINs (facts: username, until)."""


class AccountInactive(PosError):
    """The account was switched off (facts: username)."""


class SessionEnded(AccountInactive):
    """The logged-in account was switched off (or does not exist) since it
    logged in: its session can do nothing more (facts: username)."""


class PermissionDenied(PosError):
    """The actor's role may not do this (facts: action, role)."""


class ApprovalRequired(PermissionDenied):
    """A manager's approval would allow it (facts: action, role)."""


class RoleChanged(PermissionDenied):
    """The logged-in account's role is no longer the one it logged in with
    (changed by a manager, or claimed falsely): refused, log in again
    (facts: action, role: the account's role now, username)."""


class ApprovalRejected(PosError):
    """The approver is not a manager, or gave no reason (facts: action, reason)."""


class WrongApprovalPin(WrongPin):
    """A manager's PIN typed for an approval was wrong; counted against the
    till, not the manager's account (facts: username, attempts_left, till)."""


class ApprovalsLocked(PosError):
    """Too many wrong approval PINs at this till: approvals there are refused
    for a while; the managers' own log-ins are not affected (facts: till, until)."""


class KeyFileMissing(PosError):
    """The store's key file for personal data is missing (facts: path)."""


class SealKeyMissing(KeyFileMissing):
    """The key file is needed to seal what is saved, and it is missing (facts: path)."""


class SealBroken(PosError):
    """The store file was changed outside charity-pos: a table (or the
    journal's or audit log's head) is no longer what the app sealed, so
    nothing more is written to it (facts: what, the table)."""


class InsufficientStock(PosError):
    """Fewer units on hand than asked for (facts: item_id, wanted, available)."""


class ExpiredGoods(PosError):
    """Food past its best-before date is refused (facts: item_name, expiry_date)."""


class ExpiredLot(ExpiredGoods):
    """A lot of food on the shelf past its best-before date cannot be sold or
    handed out (facts: item_name, expiry_date, lot: the code on its label or
    the document it came in with)."""


class ShortShelfLife(PosError):
    """Food taken in with less shelf life left than the store's minimum; a
    manager may accept it with a reason (facts: item_name, expiry_date,
    days_left, minimum_days, shelf_life_days: the item's usual shelf life, 0
    when not recorded, percent: the share of it the store asks for)."""


class ReceiptVoided(PosError):
    """The receipt was voided; it is not printed again (facts: number, donation)."""


class OutputFolderMissing(PosError):
    """The folder to write a file into does not exist (facts: path)."""


# --- files the app writes where the user says (charity_pos.files) --------------
class ProtectedFile(PosError):
    """A file charity-pos never writes over (facts: path, what: store, store_part,
    lock, key, settings, hub, hub_part, database, database_part)."""


class OutputExists(PosError):
    """A file charity-pos did not write is at the path; only --force replaces it (facts: path)."""


class OutputNotWritable(PosError):
    """The file cannot be written at the path (facts: path, reason: permission,
    read_only, no_space, not_a_folder, special, name, other; detail: the
    system's words, for ``other``)."""


class OutputNotAFolder(PosError):
    """A folder to write into was asked for, and the path is a file (facts: path)."""


class RejectsNotWritten(PosError):
    """Households were imported, then the reject file could not be put in
    place (facts: count, path, cause: the error that stopped it)."""


# --- printing --------------------------------------------------------------
class FontMissing(PosError):
    """No Chinese TrueType font to embed in a PDF (facts: searched, the places looked in)."""


# --- the counter -------------------------------------------------------------
class NoOpenShift(PosError):
    """Sales, returns and voids need an open shift at the till (facts: till)."""


class ShiftAlreadyOpen(PosError):
    """One open shift per till (facts: till, number)."""


class TenderTooLow(PosError):
    """The payments do not cover the total (facts: total, paid, missing), amounts as text."""


class OverpaidByCard(PosError):
    """Only cash may exceed the total (facts: method)."""


class VoucherUsed(PosError):
    """A store voucher's number was already taken in another sale (facts: voucher, sale)."""


class ReturnTooLarge(PosError):
    """More returned than sold minus returned before (facts: item_name, sold, returned, wanted)."""


class SaleVoided(PosError):
    """The sale was voided; nothing more can be done with it (facts: number)."""


class VoidOutsideShift(PosError):
    """A sale is voided only within the shift it was made in (facts: number)."""


class NotSellable(PosError):
    """The item is off sale (facts: item_name)."""


class TicketCompleted(PosError):
    """The ticket was already paid: the sale exists (facts: number). Raised
    only when a repeated payment differs from the first."""


# --- relief ------------------------------------------------------------------
class CardRefused(PosError):
    """A relief card that may not take goods now (facts: card, reason: unknown,
    suspended, expired, not_yet_valid, erased; until: a date; why: a manager's words)."""


class NoQuotaRule(PosError):
    """No quota rule for the household's category (facts: category, in words)."""


# --- importing the sub-district's household list -------------------------------
class UnknownFileType(PosError):
    """Only .xlsx workbooks and .csv files are read (facts: path)."""


class UnreadableFile(PosError):
    """The file cannot be read as a spreadsheet (facts: path, detail)."""


class HeaderNotFound(PosError):
    """No row near the top names the columns (facts: path, columns: those looked for)."""


class MissingColumns(PosError):
    """The header row lacks required columns (facts: path, columns: the missing ones' names)."""


class NoRowsToImport(PosError):
    """The file has a header row but no households below it (facts: path)."""


class CardAlreadyRegistered(DuplicateName):
    """A relief card number is already in the registry (facts: field, value: the card number)."""


class IdAlreadyRegistered(DuplicateName):
    """A household with this ID number is already registered (facts: field, value: the masked number)."""


class CardTwiceInFile(PosError):
    """The same relief card number on several rows of one file (facts: value: the card, rows)."""


class IdTwiceInFile(PosError):
    """The same ID number on several rows of one file (facts: value: the masked number, rows)."""


class ImportFailed(PosError):
    """The database refused the import; nothing was saved (facts: count, detail)."""


class ImportFileMissing(PosError):
    """No file to import at the path (facts: path)."""


class UnknownTextEncoding(UnreadableFile):
    """A .csv file in neither UTF-8 nor GBK/GB18030 (facts: path)."""


# --- sync ----------------------------------------------------------------------
class BundleDamaged(PosError):
    """A bundle file that cannot be read or whose content does not match its
    manifest (facts: path, detail: missing_file, unreadable, not_a_bundle,
    missing_part, duplicate_member, too_large, manifest, content_hash)."""


class BundleNotAFile(BundleDamaged):
    """Given as a bundle, but not a regular file: refused without reading
    from it (facts: path, what: folder, pipe, device, other)."""


class BundleTooLarge(BundleDamaged):
    """The file, or one part of it, is larger than a bundle may be; refused
    before it is read (facts: path, part: the part's name, "" for the whole
    file; limit: the cap in bytes)."""


class BundleZipInvalid(BundleDamaged):
    """The ZIP structure is not what charity-pos writes, found before any part
    is read (facts: path, detail: compressed, flags, headers, layout,
    checksum, too_many_parts, unknown_part, size_mismatch)."""


class BundleJsonInvalid(BundleDamaged):
    """A JSON part nested deeper than the cap, or holding a number out of
    range, NaN or Infinity (facts: path, part, detail: depth, number; limit:
    the depth cap)."""


class BundleManifestInvalid(BundleDamaged):
    """A manifest field is missing or not a value charity-pos writes (facts: path, field)."""


class BundleForged(PosError):
    """The signature does not match the signer's registered key (facts: path, signer)."""


# --- sync, the store's side ------------------------------------------------------
class OutputIsFolder(PosError):
    """A file was asked for where a folder is (facts: path)."""


class TrustFileInvalid(PosError):
    """Not a hub trust file, or one with a missing or bad field (facts: path, field)."""


class TrustFileForOtherStore(PosError):
    """A hub's trust file made for another store (facts: path, made_for, store_code)."""


class OtherHubTrusted(PosError):
    """The store already trusts another hub; it is not replaced (facts: path, district, hub_id: the trusted one's)."""


class FromSeqOutOfRange(PosError):
    """--from-seq names no event of the journal (facts: from_seq, last_seq)."""


class JournalBroken(PosError):
    """The journal does not chain at an event, so nothing is exported (facts: path, seq)."""


# --- the district hub ------------------------------------------------------------
class HubNotFound(PosError):
    """No district hub in that database yet (facts: url, without a password)."""


class HubExists(PosError):
    """hub init refuses a database that already holds a hub (facts: url, district)."""


class NotAHubDatabase(PosError):
    """The database holds something else than a charity-pos hub (facts: url)."""


class HubUnreachable(PosError):
    """The hub's database cannot be opened: no server, a bad URL, no rights (facts: url, detail)."""


class HubSchemaBehind(PosError):
    """The hub's schema is older than this charity-pos and the database role
    connecting may not upgrade it: run ``charity-pos hub upgrade`` as the
    database's owner (facts: url, revision, head)."""


class RegistrationInvalid(PosError):
    """Not a store registration file, or one with a missing or bad field (facts: path, field)."""


class StoreKeyMismatch(PosError):
    """A store code already registered with another public key (facts: store_code)."""


class StoreIdTaken(PosError):
    """The store's id is registered under another code (facts: store_code, registered_code)."""


class BundleNotStoreEvents(PosError):
    """The hub imports bundles of a store's events only (facts: path, kind)."""


class UnknownStore(PosError):
    """A bundle from a store the hub has not registered (facts: path, store_code)."""


class BundleAltered(PosError):
    """The file reads, but its bytes are not those charity-pos writes for its content (facts: path)."""


class BundleInconsistent(PosError):
    """A bundle whose signed manifest and events do not hold together (facts: path, and the subclass's)."""


class BundleSignerMismatch(BundleInconsistent):
    """Signed by one store, naming another's events (facts: path, signer, store_code)."""


class BundleStoreMismatch(BundleInconsistent):
    """The store id in the bundle is not the one registered under its code (facts: path, store_code)."""


class BundleManifestMismatch(BundleInconsistent):
    """A manifest field disagrees with the events (facts: path, field)."""


class EventsUnreadable(BundleInconsistent):
    """A line of events.jsonl is not an event (facts: path, line)."""


class EventPayloadInvalid(EventsUnreadable):
    """An event's payload is not what a store writes (facts: path, line, seq,
    field: where in the payload, such as changes[2].row.total_fen)."""


class EventsOutOfOrder(BundleInconsistent):
    """The events' numbers do not run one after another (facts: path, seq: the number expected)."""


class EventHashWrong(BundleInconsistent):
    """An event's hash is not the hash of its content (facts: path, seq)."""


class EventChainBroken(BundleInconsistent):
    """An event does not name the hash of the one before it (facts: path, seq)."""


class EventsMissing(PosError):
    """A gap: the hub lacks a store's events before the bundle's first (facts: store_code, first, last)."""


class EventsFork(PosError):
    """A store's event the hub holds differs from the bundle's with the same number (facts: store_code, seq)."""


class HubImportFailed(PosError):
    """The hub's database refused to store a bundle; nothing was saved (facts: path, detail: the database's
    own text, for the log; reason, when it is one staff are told in their words: ``disk_full``,
    ``connection`` (the server ended the session), ``busy`` (a lock or a conflict held too long))."""


class BundleImportCrashed(PosError):
    """An unexpected error (a bug) while importing one file: logged with its
    traceback, nothing was saved (facts: path, error: the exception's class name)."""


class StoreNotRegistered(PosError):
    """No store with this code is registered at the hub (facts: store_code)."""


class HouseholdLinksUnreadable(PosError):
    """A line of a store bundle's households.jsonl is not a household link (facts: path, line)."""


# --- sync, the district's bundle into the store ----------------------------------------
class NoHubTrusted(PosError):
    """A downstream bundle, but the store trusts no hub yet (facts: path)."""


class BundleNotDownstream(PosError):
    """Not a bundle from the hub to a store (facts: path, kind)."""


class DownstreamForOtherStore(PosError):
    """A downstream bundle made for another store (facts: path, made_for, store_code)."""


class DownstreamFromOtherHub(PosError):
    """A downstream bundle not from the hub this store trusts (facts: path, signer, district)."""


class DownstreamNotNewer(PosError):
    """A downstream bundle not newer than the last applied (facts: path, sequence, last_seq)."""


class DownstreamUnreadable(PosError):
    """A content file of a downstream bundle is not what the district sends (facts: path, file, line)."""


class DownstreamCardConflict(PosError):
    """The district's household has a card number another household holds here (facts: path, card)."""


class IdNotHeldHere(PosError):
    """The household came from the district's registry: the store has no whole ID number (facts: card)."""


class RulesFileUnreadable(PosError):
    """A quota rules file that is missing, not JSON, or not a list of rules (facts: path, detail)."""


class FundsShort(PosError):
    """A use of donated cash beyond what is left of it (facts: amount_fen, left_fen)."""


# --- consigned goods (代销) -------------------------------------------------------
class ConsignorNotFound(PosError):
    """No consignor has this name, credit code or id (facts: key)."""


class ConsignedShort(PosError):
    """Returning more of a consignor's goods than is left of them (facts: item_name, consignor, wanted, left)."""


class SettlementMonthToCome(PosError):
    """A consignment settlement for a month that has not begun (facts: month)."""


# --- trace and donor statements ---------------------------------------------------
class TraceCodeUnknown(PosError):
    """No lot, item, donation, receipt, sale, return, handout, stock receipt, count or write-off has this code
    (facts: code)."""


class DonorNotFound(PosError):
    """No donor has this name, credit code or phone number (facts: donor)."""


class DonorAmbiguous(PosError):
    """Several donors have this name (facts: donor, count)."""


class DonorAnonymous(PosError):
    """An anonymous donor has no statement (facts: donor)."""


class NothingToReport(PosError):
    """The donor gave nothing in the year (facts: donor, year)."""


# --- exports and the public notice ------------------------------------------
class UnknownExportType(PosError):
    """A report is written as .xlsx, .pdf or .csv only (facts: path, suffix)."""


class UnknownReport(PosError):
    """No report of that kind (facts: kind, kinds)."""


class MonthToCome(PosError):
    """A public notice for a month that has not begun (facts: month)."""


# --- receipts anyone can verify ---------------------------------------------------
class ReceiptQrTraining(PosError):
    """The QR code is a training store's (培训模式): practice, not a
    receipt (facts: text, its beginning)."""


class ReceiptQrForeign(PosError):
    """A QR code's text that is not a charity-pos receipt's (facts: text, its first characters)."""


class ReceiptQrInvalid(InvalidInput):
    """A charity-pos receipt's QR text that is damaged: a field is not as a store writes it (facts: field,
    one of the ``qr_*`` field names; value; reason ``qr_damaged``)."""


class QrNotFound(PosError):
    """No QR code could be read in the picture or PDF (facts: path)."""


class PictureUnreadable(PosError):
    """A file that is not a PNG, JPEG or PDF that can be read (facts: path)."""


class KeysFileInvalid(PosError):
    """Not a keys file the hub wrote (facts: path, field)."""


class KeysFileForged(PosError):
    """A keys file changed after the hub signed it (facts: path, fingerprint)."""


class KeysFingerprintWrong(PosError):
    """A keys file signed by another hub key than the one expected (facts: path, fingerprint, expected)."""


# --- receipt printers and the cash drawer ---------------------------------------------
class PrinterFailed(PosError):
    """The receipt printer did not take the job, or the drawer's pulse (facts: reason, one of
    ``offline``, ``port``, ``no_paper``, ``driver``, ``windows_only``, ``other``; target, the
    printer as the settings name it; detail)."""
# --- payment codes and the merchant bill ------------------------------------------
class PaymentCodeRefused(PosError):
    """A scan that is not a WeChat Pay or Alipay payment code (facts: reason,
    length). Never carries the code: a payment code is not kept nor logged."""


class PaymentReferenceRefused(PosError):
    """A WeChat Pay or Alipay payment's reference that holds a whole payment
    code, or a mask of the other method's code (facts: method, reason)."""


class MerchantBillRefused(PosError):
    """A file that is not a WeChat Pay or Alipay merchant bill that can be read
    (facts: path, reason, and line for a bad row)."""


# --- backups and restore (charity_pos.services.backup) ------------------------------
class BackupCheckFailed(PosError):
    """A backup copy failed its check: SQLite's integrity check or the
    journal's ``verify`` (facts: path, kind: the first problem's kind,
    detail; problem: the ``verify.Problem`` when there is one)."""


class BackupFromOtherStore(PosError):
    """The backup holds another store than the one it would replace or the
    key file belongs to (facts: path, found: its store code, expected)."""


class RestoreWouldReplace(PosError):
    """The restore's target already holds a store; only --force replaces it (facts: path)."""


class NotABackup(PosError):
    """The file is not a backup of a charity-pos store (facts: path)."""


class WrongPassphrase(PosError):
    """A protected key file that the passphrase does not open, or that was changed (facts: path)."""


class PassphraseRefused(PosError):
    """A passphrase too short, or typed differently the second time (facts:
    reason: short, differ, missing; minimum)."""


class KeyFileOfOtherStore(PosError):
    """The key file given belongs to another store (facts: path, expected: the store's code)."""
# --- rebuilding a store from the district ------------------------------------------
class StoreJournalInvalid(PosError):
    """A store's journal file (``hub export-store``) that cannot be used: not
    such a file, damaged, or a line not as the hub writes it (facts: path,
    line, detail: format, header, line, trailer, truncated, count, store)."""


class StoreJournalBroken(PosError):
    """An event of a store's journal file that does not follow the one before
    it: changed, dropped or moved (facts: path, seq, detail: sequence, link,
    hash)."""


class StoreJournalForged(PosError):
    """The journal file's content does not match the signature of the hub
    it names (facts: path, signer)."""


class StoreJournalOtherHub(PosError):
    """The journal file is signed by a hub this store never trusted (facts:
    path, signer, expected: the hub the store trusted)."""


class StoreJournalNoHub(PosError):
    """The store's journal names no hub it trusted, and no trust file was
    given to check the hub's signature by (facts: path)."""


class StoreJournalEmpty(PosError):
    """The hub holds no event of this store to export (facts: store_code)."""


class JournalKeyFileOfOtherStore(KeyFileOfOtherStore):
    """The key file given belongs to another store than the journal's
    (facts: path, store_code)."""


class KeyFileConflict(PosError):
    """The store's key folder already holds another key file for this store:
    never written over (facts: path)."""


class RebuildManagerMissing(PosError):
    """The journal has no active manager account of this name to give the
    new PIN to (facts: username)."""


class StoreKeyChangeNeedsStaff(StoreKeyMismatch):
    """A store registered with another key: only a district staff account's
    PIN lets its new key replace the old one (facts: store_code)."""


# --- checking a store (charity_pos.ledger.verify) -------------------------------------
class TempFolderUnwritable(PosError):
    """``verify`` could not run its check: the temporary folder its replay
    of the journal goes into (or SQLite's own) cannot be written. Nothing is
    known to be wrong with the store, and nothing was changed (facts:
    folder; reason: no_space, read_only, permission, missing, not_a_folder,
    other; detail: the system's or SQLite's words)."""


# --- write-offs (报损) -------------------------------------------------------------------
class LotUnknown(PosError):
    """No lot has this code: a lot's own code, a maker's barcode or a lot id (facts: code)."""


class LotAmbiguous(PosError):
    """A maker's barcode whose item has several lots holding goods (facts: code, item_name, count)."""


class LotEmpty(PosError):
    """The lot holds nothing to write off (facts: code, item_name)."""


class LotShort(PosError):
    """More units than the lot holds (facts: code, item_name, wanted, available)."""


class WriteoffUnknown(PosError):
    """No W document has this number (facts: number)."""


# --- stock counts as a session (盘点) ------------------------------------------
class CountNotOpen(PosError):
    """The count is finished or cancelled: nothing more is entered, finished
    or cancelled on it (facts: number, status)."""


class CountOverlaps(PosError):
    """An open count already covers some of these goods: one count at a time
    over any item (facts: number, the open count's)."""


class OutsideCount(PosError):
    """The item is not among the goods this count covers (facts: item_name,
    number, location: the item's shelf, "" when it has none)."""


class CountUnsettled(PosError):
    """The count cannot finish yet (facts: number, reason: recount (items
    marked for a recount not counted again), unexplained (differences over the
    threshold with neither a recount nor a manager's reason), empty (nothing
    counted); items: how many; item_name: the first)."""


# --- transfers between the district's stores (services.transfers) ----------------------------------------
class TransferStoreUnknown(PosError):
    """A transfer to a store code the hub never named to this store (facts: store_code)."""


class TransferToOwnStore(PosError):
    """A transfer to this store itself (facts: store_code)."""


class TransferLotUnknown(PosError):
    """No lot of this store has the code (facts: code)."""


class TransferLotShort(PosError):
    """More units asked of a lot than it holds (facts: lot, wanted, available)."""


class TransferNotFound(PosError):
    """No transfer of this number came to this store (facts: number)."""


class TransferAlreadyReceived(PosError):
    """The transfer was confirmed before (facts: number, at)."""


class TransferLineUnknown(PosError):
    """A confirmation names a line the transfer does not have (facts: number, line)."""


class TransferOverReceived(PosError):
    """More confirmed as received on a line than was sent (facts: number, line, sent, received)."""


class TransferDifferenceNeedsReason(PosError):
    """A line received short without a reason (facts: number, line)."""


class DownstreamTransferForOtherStore(PosError):
    """A downstream bundle carrying a transfer meant for another store (facts: path, number, made_for,
    store_code)."""


class DownstreamTransferConflict(PosError):
    """A downstream bundle carrying a transfer this store holds with other content (facts: path, number)."""


# --- relief campaigns ------------------------------------------------------------
class CampaignRefused(PosError):
    """A campaign's package may not be handed out to this card now (facts:
    card, campaign (its name), reason: not_started, ended, category, area,
    not_listed, collected_here, collected_elsewhere, suspended; starts, ends:
    dates; number: the H number of the collection here; store: the store
    code of the collection elsewhere)."""


class CampaignStockShort(PosError):
    """Not enough of the package's goods on hand: nothing was handed out
    (facts: campaign, goods: an item's name or a goods category, wanted, available)."""


class CampaignInvalid(PosError):
    """A campaign the district staff define is not right (facts: field:
    name, dates, categories, areas, package, value, barcode, quantity;
    value: what was given)."""


class CampaignNotFound(PosError):
    """No such campaign (facts: key)."""


# --- the installation --------------------------------------------------------
class ResourceMissing(PosError):
    """A file the app reads at run time is not where the package keeps it:
    the installation is incomplete (facts: resource, its name inside the
    package, e.g. ``charity_pos/resources/translations/charity_pos_zh_CN.qm``;
    where: the folder it was looked for in; language: set when it is that
    language's translation catalog, which then cannot word the message)."""


class ResourceDamaged(ResourceMissing):
    """The file is there but cannot be read as what it should be (facts as ``ResourceMissing``)."""


# --- upgrading an older store file ------------------------------------------------
class StoreRevisionUnknown(PosError):
    """A store file whose schema revision cannot be read (its version table
    is empty, or holds several): it is not upgraded, and left as it was
    (facts: path, revision: "" for none, "several")."""


class UpgradeCopyFailed(PosError):
    """An older store file is upgraded only after a checked copy of it was
    kept; that copy could not be made, so the file was not upgraded and is
    as it was (facts: path, before: its schema revision, after: this
    version's, copy: where the copy was to go; reason: no_space, permission,
    read_only, check (the copy, so the file, failed its check: kind, detail),
    check_not_run (the check's temporary folder: folder, detail), other
    (detail))."""
