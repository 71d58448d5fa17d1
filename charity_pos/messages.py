"""Sentences for users, in English source form, translated through Qt's
catalogs (resources/translations). The command line and the screens both
turn errors into words here, so they always say the same thing.

``QT_TRANSLATE_NOOP`` only marks strings for ``pyside6-lupdate``; this module
imports nothing from Qt, the translating is done by ``charity_pos.i18n``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime

from charity_pos import errors as e
from charity_pos.domain.days import STORE_TZ
from charity_pos.domain.money import format_fen

Translate = Callable[[str, str], str]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


CTX = "Errors"
#: control characters, line and paragraph separators: escaped in what a message quotes
_BREAKING = frozenset({"Cc", "Zl", "Zp"})

TEMPLATES: dict[type[e.PosError], str] = {
    e.StoreNotFound: QT_TRANSLATE_NOOP("Errors", "No store database at {path}."),
    e.StoreFileExists: QT_TRANSLATE_NOOP("Errors", "{path} already exists; a new store needs a new file."),
    e.NotAStoreDatabase: QT_TRANSLATE_NOOP("Errors", "{path} is not a charity-pos store database."),
    e.NewerDatabase: QT_TRANSLATE_NOOP(
        "Errors", "{path} was written by a newer version of charity-pos (schema {revision}); please update the app."
    ),
    e.StoreInUse: QT_TRANSLATE_NOOP("Errors", "{path} is open in another running copy of charity-pos; close that one first."),
    e.CorruptDatabase: QT_TRANSLATE_NOOP("Errors", "{path} is damaged and cannot be read ({detail})."),
    e.StoreDiskFull: QT_TRANSLATE_NOOP("Errors", "The disk of the store file {path} is full: nothing was saved. "
                                       "Free some space on it and try again."),
    e.TrainingStore: QT_TRANSLATE_NOOP(
        "Errors", "This is a training store (training mode): it never sends, receives or registers sync bundles, "
        "and is not copied for training again. Use the live store for that."),
    e.InvalidBarcode: QT_TRANSLATE_NOOP("Errors", "Barcode {barcode} is not valid: {why}."),
    e.DuplicateBarcode: QT_TRANSLATE_NOOP("Errors", "Barcode {barcode} already belongs to “{item_name}”."),
    e.DuplicateName: QT_TRANSLATE_NOOP("Errors", "“{value}” is already taken."),
    e.NotFound: QT_TRANSLATE_NOOP("Errors", "Not found: {key}."),
    e.FundsShort: QT_TRANSLATE_NOOP(
        "Errors", "Only {left} of donated cash is left: a use of {amount} cannot be recorded."),
    e.UnknownBarcode: QT_TRANSLATE_NOOP("Errors", "No item has barcode {barcode}."),
    e.WrongPin: QT_TRANSLATE_NOOP("Errors", "Wrong user name or PIN."),
    e.AccountLocked: QT_TRANSLATE_NOOP(
        "Errors", "Account {username} is locked after too many wrong PINs until {until}, or until a manager unlocks it."
    ),
    e.AccountInactive: QT_TRANSLATE_NOOP("Errors", "Account {username} has been switched off."),
    e.SessionEnded: QT_TRANSLATE_NOOP(
        "Errors", "Account {username} has been switched off since it logged in: nothing was done, and it is logged out."
    ),
    e.PermissionDenied: QT_TRANSLATE_NOOP("Errors", "Your role may not do this: {what}."),
    e.ApprovalRequired: QT_TRANSLATE_NOOP("Errors", "A manager must approve this: {what}."),
    e.RoleChanged: QT_TRANSLATE_NOOP(
        "Errors", "The role of account {username} has been changed since it logged in: nothing was done; "
                  "log in again."
    ),
    e.ApprovalsLocked: QT_TRANSLATE_NOOP(
        "Errors", "Too many wrong manager PINs at this till: approvals here are refused until {until}. "
                  "The managers' own log-ins are not affected."
    ),
    e.KeyFileMissing: QT_TRANSLATE_NOOP(
        "Errors", "The store's key file {path} is missing; restore it from the backup to read personal data."
    ),
    e.SealKeyMissing: QT_TRANSLATE_NOOP(
        "Errors", "The store's key file {path} is missing, and nothing can be saved without it: restore it from "
        "the backup (it is kept apart from the database)."),
    e.SealBroken: QT_TRANSLATE_NOOP(
        "Errors", "The store file was changed outside charity-pos ({what}), so nothing more is saved to it. "
        "Run charity-pos verify on it and call the district office."),
    e.InsufficientStock: QT_TRANSLATE_NOOP("Errors", "Not enough on hand: {wanted} wanted, {available} there."),
    e.ExpiredGoods: QT_TRANSLATE_NOOP(
        "Errors", "“{item_name}” is past its best-before date ({expiry_date}) and cannot be taken."
    ),
    e.ReceiptVoided: QT_TRANSLATE_NOOP(
        "Errors", "Receipt {number} was voided and is not printed again; issue a new one instead."
    ),
    e.OutputFolderMissing: QT_TRANSLATE_NOOP("Errors", "The folder {path} does not exist."),
    e.NoOpenShift: QT_TRANSLATE_NOOP("Errors", "No shift is open at till {till}: open one with its cash float first."),
    e.ShiftAlreadyOpen: QT_TRANSLATE_NOOP("Errors", "Till {till} already has an open shift ({number}); close it first."),
    e.TenderTooLow: QT_TRANSLATE_NOOP("Errors", "The payments ({paid}) do not cover the total ({total}): {missing} missing."),
    e.OverpaidByCard: QT_TRANSLATE_NOOP(
        "Errors", "Only cash may be more than the total; lower the {method} amount."),
    e.VoucherUsed: QT_TRANSLATE_NOOP("Errors", "Voucher {voucher} was already used in sale {sale}."),
    e.ReturnTooLarge: QT_TRANSLATE_NOOP(
        "Errors", "“{item_name}”: {sold} sold, {returned} already returned; {wanted} cannot be returned."),
    e.SaleVoided: QT_TRANSLATE_NOOP("Errors", "Sale {number} was voided."),
    e.VoidOutsideShift: QT_TRANSLATE_NOOP(
        "Errors", "Sale {number} belongs to a closed shift; take it back as a return instead."),
    e.NotSellable: QT_TRANSLATE_NOOP("Errors", "“{item_name}” is off sale."),
    e.TicketCompleted: QT_TRANSLATE_NOOP("Errors", "This ticket was already paid as sale {number}."),
    e.NoQuotaRule: QT_TRANSLATE_NOOP(
        "Errors", "There is no quota rule for {category} households yet; a manager sets one first."),
    e.RulesFileUnreadable: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a list of quota rules in JSON (like the rules.json of a downstream bundle)."),
    e.BundleForged: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not signed by {signer}'s registered key: refused as forged or damaged."),
    e.FontMissing: QT_TRANSLATE_NOOP(
        "Errors", "No Chinese font to put into the PDF was found (looked in {searched}); install one and try again."
    ),
    e.UnknownFileType: QT_TRANSLATE_NOOP(
        "Errors", "{path} is neither an Excel workbook (.xlsx) nor a .csv file; save it as one of those."),
    e.UnreadableFile: QT_TRANSLATE_NOOP(
        "Errors", "{path} cannot be read: it is damaged, or not the kind of file its name says."),
    e.HeaderNotFound: QT_TRANSLATE_NOOP(
        "Errors", "{path} has no header row with the columns {columns} near its top."),
    e.MissingColumns: QT_TRANSLATE_NOOP("Errors", "{path}: the header row has no column {columns}."),
    e.NoRowsToImport: QT_TRANSLATE_NOOP("Errors", "{path} has no households below its header row."),
    e.CardAlreadyRegistered: QT_TRANSLATE_NOOP("Errors", "Relief card number {value} is already registered."),
    e.IdAlreadyRegistered: QT_TRANSLATE_NOOP(
        "Errors", "A household with ID number {value} is already registered."),
    e.CardTwiceInFile: QT_TRANSLATE_NOOP(
        "Errors", "Relief card number {value} is in this file more than once (rows {rows})."),
    e.IdTwiceInFile: QT_TRANSLATE_NOOP(
        "Errors", "ID number {value} is in this file more than once (rows {rows})."),
    e.ImportFailed: QT_TRANSLATE_NOOP(
        "Errors", "The database refused the import of {count} households ({detail}); nothing was saved."),
    e.ImportFileMissing: QT_TRANSLATE_NOOP("Errors", "There is no file {path}."),
    e.UnknownTextEncoding: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not text in UTF-8 or GBK; save it from Excel as “CSV UTF-8” and try again."),
}

WRONG_PIN_LEFT = QT_TRANSLATE_NOOP("Errors", "Wrong PIN. {attempts_left} tries left before the account is locked.")
WRONG_APPROVAL_PIN_LEFT = QT_TRANSLATE_NOOP(
    "Errors", "Wrong user name or PIN. {attempts_left} tries left before approvals at this till are locked.")

BARCODE_REASONS = {
    "empty": QT_TRANSLATE_NOOP("Errors", "it is empty"),
    "not_digits": QT_TRANSLATE_NOOP("Errors", "only digits are allowed"),
    "length": QT_TRANSLATE_NOOP("Errors", "it must have 8, 12 or 13 digits (EAN-8, UPC-A, EAN-13)"),
    "check_digit": QT_TRANSLATE_NOOP("Errors", "the check digit is wrong"),
    "lot_range": QT_TRANSLATE_NOOP("Errors", "codes starting 22 are the store's own lot codes"),
}

FIELDS = {
    "from": QT_TRANSLATE_NOOP("Errors", "From"),
    "to": QT_TRANSLATE_NOOP("Errors", "To"),
    "month": QT_TRANSLATE_NOOP("Errors", "Month"),
    "year": QT_TRANSLATE_NOOP("Errors", "Year"),
    "purpose": QT_TRANSLATE_NOOP("Errors", "Purpose"),
    "voucher": QT_TRANSLATE_NOOP("Errors", "Voucher number"),
    "fund_kind": QT_TRANSLATE_NOOP("Errors", "Use"),
    "used_on": QT_TRANSLATE_NOOP("Errors", "Date of use"),
    "report": QT_TRANSLATE_NOOP("Errors", "Report"),
    "name": QT_TRANSLATE_NOOP("Errors", "Name"),
    "unit": QT_TRANSLATE_NOOP("Errors", "Unit"),
    "category": QT_TRANSLATE_NOOP("Errors", "Category"),
    "sale_price": QT_TRANSLATE_NOOP("Errors", "Sale price"),
    "reference_price": QT_TRANSLATE_NOOP("Errors", "Market reference price"),
    "source": QT_TRANSLATE_NOOP("Errors", "Source"),
    "quantity": QT_TRANSLATE_NOOP("Errors", "Quantity"),
    "reason": QT_TRANSLATE_NOOP("Errors", "Reason"),
    "lines": QT_TRANSLATE_NOOP("Errors", "Lines"),
    "pin": QT_TRANSLATE_NOOP("Errors", "PIN"),
    "username": QT_TRANSLATE_NOOP("Errors", "User name"),
    "display_name": QT_TRANSLATE_NOOP("Errors", "Full name"),
    "active": QT_TRANSLATE_NOOP("Errors", "Active"),
    "role": QT_TRANSLATE_NOOP("Errors", "Role"),
    "store_code": QT_TRANSLATE_NOOP("Errors", "Store code"),
    "short_name": QT_TRANSLATE_NOOP("Errors", "Short name"),
    "district": QT_TRANSLATE_NOOP("Errors", "District"),
    "days": QT_TRANSLATE_NOOP("Errors", "Days"),
    "id_number": QT_TRANSLATE_NOOP("Errors", "ID number"),
    "credit_code": QT_TRANSLATE_NOOP("Errors", "Unified social credit code"),
    "card_number": QT_TRANSLATE_NOOP("Errors", "Relief card number"),
    "members": QT_TRANSLATE_NOOP("Errors", "Household members"),
    "head_name": QT_TRANSLATE_NOOP("Errors", "Head of household"),
    "subdistrict": QT_TRANSLATE_NOOP("Errors", "Sub-district"),
    "certificate_ref": QT_TRANSLATE_NOOP("Errors", "Certificate reference"),
    "valid_to": QT_TRANSLATE_NOOP("Errors", "Valid to"),
    "phone": QT_TRANSLATE_NOOP("Errors", "Phone"),
    "donor_kind": QT_TRANSLATE_NOOP("Errors", "Donor type"),
    "condition": QT_TRANSLATE_NOOP("Errors", "Condition"),
    "valuation": QT_TRANSLATE_NOOP("Errors", "Valuation"),
    "unit_value": QT_TRANSLATE_NOOP("Errors", "Unit value"),
    "expiry_date": QT_TRANSLATE_NOOP("Errors", "Best-before date"),
    "cash": QT_TRANSLATE_NOOP("Errors", "Cash amount"),
    "cash_method": QT_TRANSLATE_NOOP("Errors", "Payment method"),
    "labels": QT_TRANSLATE_NOOP("Errors", "Labels"),
    "float": QT_TRANSLATE_NOOP("Errors", "Cash float"),
    "price": QT_TRANSLATE_NOOP("Errors", "Price"),
    "discount": QT_TRANSLATE_NOOP("Errors", "Discount"),
    "payment": QT_TRANSLATE_NOOP("Errors", "Payment"),
    "tendered": QT_TRANSLATE_NOOP("Errors", "Amount tendered"),
    "reference": QT_TRANSLATE_NOOP("Errors", "Payment reference"),
    "voucher": QT_TRANSLATE_NOOP("Errors", "Voucher number"),
    "till": QT_TRANSLATE_NOOP("Errors", "Till"),
    "count": QT_TRANSLATE_NOOP("Errors", "Count"),
    "limit": QT_TRANSLATE_NOOP("Errors", "Limit"),
    "sale": QT_TRANSLATE_NOOP("Errors", "Sale number"),
    "period": QT_TRANSLATE_NOOP("Errors", "Period"),
    "mode": QT_TRANSLATE_NOOP("Errors", "Mode"),
    "allowance": QT_TRANSLATE_NOOP("Errors", "Allowance"),
    "topup_months": QT_TRANSLATE_NOOP("Errors", "Top-up months"),
    "household": QT_TRANSLATE_NOOP("Errors", "Household"),
    "valid_from": QT_TRANSLATE_NOOP("Errors", "Valid from"),
    "consent_on": QT_TRANSLATE_NOOP("Errors", "Consent date"),
}

INPUT_REASONS = {
    "empty": QT_TRANSLATE_NOOP("Errors", "{field} must not be empty."),
    "too_long": QT_TRANSLATE_NOOP("Errors", "{field} is too long."),
    "not_a_number": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” is not a number."),
    "too_many_decimals": QT_TRANSLATE_NOOP("Errors", "{field}: at most two decimals (fen)."),
    "negative": QT_TRANSLATE_NOOP("Errors", "{field} must not be negative."),
    "zero": QT_TRANSLATE_NOOP("Errors", "{field} must be more than zero."),
    "too_large": QT_TRANSLATE_NOOP("Errors", "{field} is too large."),
    "unknown": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” is not known."),
    "pin_digits": QT_TRANSLATE_NOOP("Errors", "A PIN is made of digits only."),
    "pin_length": QT_TRANSLATE_NOOP("Errors", "A PIN has 4 to 12 digits."),
    "username": QT_TRANSLATE_NOOP(
        "Errors", "A user name is 2-32 lower-case letters, digits, '.', '-' or '_', starting with a letter."
    ),
    "store_code": QT_TRANSLATE_NOOP("Errors", "A store code is 2-8 capital letters or digits, such as PT01."),
    "self_deactivate": QT_TRANSLATE_NOOP("Errors", "You cannot switch off your own account."),
    "self_role": QT_TRANSLATE_NOOP("Errors", "You cannot change your own role; another manager can."),
    "id_format": QT_TRANSLATE_NOOP("Errors", "An ID number has 17 digits and a final digit or X."),
    "id_birth_date": QT_TRANSLATE_NOOP("Errors", "The ID number's date of birth does not exist."),
    "id_check": QT_TRANSLATE_NOOP("Errors", "The ID number's last character (check character) is wrong."),
    "credit_format": QT_TRANSLATE_NOOP(
        "Errors", "A unified social credit code has 18 digits or capital letters (no I, O, S, V, Z)."
    ),
    "credit_check": QT_TRANSLATE_NOOP("Errors", "The credit code's last character (check character) is wrong."),
    "card_number": QT_TRANSLATE_NOOP("Errors", "A relief card number is up to 20 letters and digits."),
    "members": QT_TRANSLATE_NOOP("Errors", "A household has 1 to 20 members."),
    "date_order": QT_TRANSLATE_NOOP("Errors", "{field} is before the start date."),
    "phone": QT_TRANSLATE_NOOP("Errors", "A phone number has 7 to 12 digits."),
    "contact_phone": QT_TRANSLATE_NOOP(
        "Errors", "{field} is not a phone number: a mobile like 13812345678, or a landline with its area code like 021-54321234."),
    "unvalued_with_value": QT_TRANSLATE_NOOP("Errors", "Goods without a valuation carry no value."),
    "food_needs_date": QT_TRANSLATE_NOOP("Errors", "“{value}” is food: type its best-before date."),
    "discount_above_price": QT_TRANSLATE_NOOP("Errors", "{field} is more than the amount it comes off."),
    "price_changed": QT_TRANSLATE_NOOP("Errors", "The price of “{value}” changed meanwhile; scan it again."),
    "twice": QT_TRANSLATE_NOOP("Errors", "{field} {value} is on this ticket twice."),
    "changed": QT_TRANSLATE_NOOP("Errors", "Card {value}: what the household may take changed meanwhile; scan the card again."),
    "months": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” is not a month (1-12)."),
    "has_returns": QT_TRANSLATE_NOOP("Errors", "Sale {value} has returns and can no longer be voided."),
    "reference_needed": QT_TRANSLATE_NOOP("Errors", "A {value} payment needs its reference number."),
    "month_format": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” is not a month; type it like 2026-11."),
    "future": QT_TRANSLATE_NOOP("Errors", "{field} is a day still to come."),
    "date_format": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” is not a date; type it like 2026-09-30."),
    "id_as_number": QT_TRANSLATE_NOOP(
        "Errors", "The ID number was stored as a number and lost digits; format the column as text and type it again."),
    "relief_category": QT_TRANSLATE_NOOP(
        "Errors", "{field}: “{value}” is not one of 低保, 低保边缘, 特困, 低收入, 支出型贫困, 临时救助."),
}

APPROVAL_REASONS = {
    "no_reason": QT_TRANSLATE_NOOP("Errors", "An approval needs a reason."),
    "not_manager": QT_TRANSLATE_NOOP("Errors", "Only a manager can approve this."),
}

ACTIONS = {
    "item.create": QT_TRANSLATE_NOOP("Errors", "add an item"),
    "item.edit": QT_TRANSLATE_NOOP("Errors", "edit an item"),
    "item.change_price": QT_TRANSLATE_NOOP("Errors", "change a price"),
    "item.deactivate": QT_TRANSLATE_NOOP("Errors", "take an item off sale"),
    "stock.receive": QT_TRANSLATE_NOOP("Errors", "receive stock"),
    "stock.count": QT_TRANSLATE_NOOP("Errors", "record a stock count"),
    "users.manage": QT_TRANSLATE_NOOP("Errors", "manage staff accounts"),
    "users.unlock": QT_TRANSLATE_NOOP("Errors", "unlock an account"),
    "document.void": QT_TRANSLATE_NOOP("Errors", "void a document"),
    "sale.refund": QT_TRANSLATE_NOOP("Errors", "refund a sale"),
    "rule.override": QT_TRANSLATE_NOOP("Errors", "override a rule"),
    "donor.record": QT_TRANSLATE_NOOP("Errors", "record a donor"),
    "households.manage": QT_TRANSLATE_NOOP("Errors", "manage the household registry"),
    "households.reveal_id": QT_TRANSLATE_NOOP("Errors", "see a whole ID number"),
    "donation.receive": QT_TRANSLATE_NOOP("Errors", "take in a donation"),
    "receipt.issue": QT_TRANSLATE_NOOP("Errors", "issue a donation receipt"),
    "receipt.void": QT_TRANSLATE_NOOP("Errors", "void a donation receipt"),
    "labels.print": QT_TRANSLATE_NOOP("Errors", "print labels"),
    "sale.sell": QT_TRANSLATE_NOOP("Errors", "sell at the counter"),
    "sale.discount": QT_TRANSLATE_NOOP("Errors", "give a price change or discount above the limit"),
    "sale.void": QT_TRANSLATE_NOOP("Errors", "void a sale"),
    "slip.print": QT_TRANSLATE_NOOP("Errors", "print a slip"),
    "shift.open": QT_TRANSLATE_NOOP("Errors", "open a shift"),
    "handout.give": QT_TRANSLATE_NOOP("Errors", "hand out relief goods"),
    "handout.over_allowance": QT_TRANSLATE_NOOP("Errors", "give a household more than its allowance"),
    "quota.manage": QT_TRANSLATE_NOOP("Errors", "set quota rules"),
    "shift.close_difference": QT_TRANSLATE_NOOP("Errors", "close a shift with a cash difference"),
    "counter.rules": QT_TRANSLATE_NOOP("Errors", "set the counter's limits"),
    "reports.view": QT_TRANSLATE_NOOP("Errors", "see the ledgers and reports"),
    "funds.record_use": QT_TRANSLATE_NOOP("Errors", "record how cash donations were used"),
    "bill.import": QT_TRANSLATE_NOOP("Errors", "import and reconcile the merchant bill"),
}

METHODS = {
    "cash": QT_TRANSLATE_NOOP("Errors", "cash"),
    "wechat": QT_TRANSLATE_NOOP("Errors", "WeChat Pay"),
    "alipay": QT_TRANSLATE_NOOP("Errors", "Alipay"),
    "unionpay": QT_TRANSLATE_NOOP("Errors", "UnionPay card"),
    "voucher": QT_TRANSLATE_NOOP("Errors", "store voucher"),
}

CARD_REASONS = {
    "unknown": QT_TRANSLATE_NOOP("Errors", "No household has relief card {card}."),
    "suspended": QT_TRANSLATE_NOOP("Errors", "Relief card {card} is suspended: {why}"),
    "expired": QT_TRANSLATE_NOOP("Errors", "Relief card {card} expired on {until}; the household must be certified again."),
    "not_yet_valid": QT_TRANSLATE_NOOP("Errors", "Relief card {card} is valid only from {until}."),
    "erased": QT_TRANSLATE_NOOP("Errors", "Relief card {card} lapsed long ago and its household's data was erased."),
}

BUNDLE_DAMAGE = {
    "missing_file": QT_TRANSLATE_NOOP("Errors", "{path}: no such file."),
    "unreadable": QT_TRANSLATE_NOOP("Errors", "{path} cannot be read (no permission, or a read error)."),
    "not_a_bundle": QT_TRANSLATE_NOOP("Errors", "{path} is not a charity-pos bundle, or it is cut short."),
    "missing_part": QT_TRANSLATE_NOOP("Errors", "{path} is damaged: a part of the bundle is missing or extra."),
    "duplicate_member": QT_TRANSLATE_NOOP("Errors", "{path} is damaged: a part appears twice."),
    "too_large": QT_TRANSLATE_NOOP("Errors", "{path} is damaged: a part is impossibly large."),
    "manifest": QT_TRANSLATE_NOOP("Errors", "{path} is damaged: its manifest cannot be read."),
    "content_hash": QT_TRANSLATE_NOOP("Errors", "{path} is damaged: its content does not match its manifest."),
}

UNEXPECTED = QT_TRANSLATE_NOOP("Errors", "Something went wrong and nothing was saved. The details are in the log file.")

# --- files the app writes where the user says ----------------------------------------
PROTECTED = QT_TRANSLATE_NOOP("Errors", "{path} is {what}: charity-pos never writes over it; choose another file.")
PROTECTED_WHAT = {
    "store": QT_TRANSLATE_NOOP("Errors", "the store's database"),
    "store_part": QT_TRANSLATE_NOOP("Errors", "part of the store's database (its -wal, -shm or -journal file)"),
    "lock": QT_TRANSLATE_NOOP("Errors", "the store's lock file"),
    "key": QT_TRANSLATE_NOOP("Errors", "a key file, or in the folder of the key files"),
    "settings": QT_TRANSLATE_NOOP("Errors", "the settings file"),
    "hub": QT_TRANSLATE_NOOP("Errors", "the district hub's database"),
    "hub_part": QT_TRANSLATE_NOOP("Errors", "part of the district hub's database (its -wal, -shm or -journal file)"),
    "database": QT_TRANSLATE_NOOP("Errors", "a database (a store's, the hub's or a copy)"),
    "database_part": QT_TRANSLATE_NOOP("Errors", "part of a database (a -wal, -shm or -journal file)"),
}
NOT_WRITABLE = QT_TRANSLATE_NOOP("Errors", "{path} cannot be written: {why}.")
NOT_WRITABLE_WHY = {
    "permission": QT_TRANSLATE_NOOP(
        "Errors", "permission denied (or another program has the file open)"),
    "read_only": QT_TRANSLATE_NOOP("Errors", "the disk is read-only"),
    "no_space": QT_TRANSLATE_NOOP("Errors", "the disk is full"),
    "not_a_folder": QT_TRANSLATE_NOOP("Errors", "a part of the path before the file name is not a folder"),
    "special": QT_TRANSLATE_NOOP("Errors", "it is not an ordinary file (a device or a pipe)"),
    "name": QT_TRANSLATE_NOOP("Errors", "the name is too long or not allowed there"),
    "other": QT_TRANSLATE_NOOP("Errors", "{detail}"),
}
REJECTS_NOT_WRITTEN = QT_TRANSLATE_NOOP(
    "Errors", "{count} households imported, but the rows to correct were not written: {problem}")
#: what a bundle refused without reading it was instead of a file (BundleNotAFile.what)
NOT_A_FILE = {
    "folder": QT_TRANSLATE_NOOP("Errors", "a folder"),
    "pipe": QT_TRANSLATE_NOOP("Errors", "a pipe (FIFO)"),
    "device": QT_TRANSLATE_NOOP("Errors", "a device"),
    "other": QT_TRANSLATE_NOOP("Errors", "not a regular file"),
}
BUNDLE_NOT_A_FILE = QT_TRANSLATE_NOOP("Errors", "{path} is {what}, not a bundle file: refused without reading it.")
BUNDLE_TOO_LARGE = QT_TRANSLATE_NOOP(
    "Errors", "{path} is larger than a bundle may be ({limit}): refused without reading it.")
BUNDLE_PART_TOO_LARGE = QT_TRANSLATE_NOOP(
    "Errors", "{path} is damaged: its part {part} is larger than it may be ({limit}).")
BUNDLE_ZIP = {
    "compressed": QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged or not from charity-pos: a part is compressed, and charity-pos stores every "
                  "part uncompressed."),
    "flags": QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged or not from charity-pos: a part is encrypted or marked in a way charity-pos "
                  "never writes."),
    "headers": QT_TRANSLATE_NOOP("Errors", "{path} is damaged: the ZIP headers of a part disagree with each other."),
    "layout": QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged: its ZIP structure is not what charity-pos writes (parts overlap, leave gaps "
                  "or run past the end)."),
    "checksum": QT_TRANSLATE_NOOP("Errors", "{path} is damaged: a part does not match its checksum."),
    "too_many_parts": QT_TRANSLATE_NOOP("Errors", "{path} has more parts than a charity-pos bundle has."),
    "unknown_part": QT_TRANSLATE_NOOP(
        "Errors", "{path} holds a part that a charity-pos bundle of this kind does not have."),
    "size_mismatch": QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged: the size of a part differs from the size its manifest gives."),
}
BUNDLE_JSON = {
    "depth": QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged: {part} is nested deeper than charity-pos ever writes (more than {limit} levels)."),
    "number": QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged: {part} holds a number out of range, or NaN or Infinity."),
}


PAYMENT_CODE_REASONS = {
    "empty": QT_TRANSLATE_NOOP("Errors", "Not a payment code: nothing was scanned."),
    "not_digits": QT_TRANSLATE_NOOP("Errors", "Not a payment code: a payment code has only digits."),
    "too_short": QT_TRANSLATE_NOOP(
        "Errors", "Not a payment code: {length} digits is too short (Alipay 16-24, WeChat Pay 18)."),
    "too_long": QT_TRANSLATE_NOOP(
        "Errors", "Not a payment code: {length} digits is too long (Alipay 16-24, WeChat Pay 18)."),
    "wechat_length": QT_TRANSLATE_NOOP(
        "Errors", "Not a payment code: it starts like WeChat Pay's, which has 18 digits, but has {length}."),
    "wrong_prefix": QT_TRANSLATE_NOOP(
        "Errors", "Not a payment code: WeChat Pay's start with 10-15 and Alipay's with 25-30."),
}
TEMPLATES.update({  # transfers between the district's stores (services.transfers)
    e.TransferStoreUnknown: QT_TRANSLATE_NOOP(
        "Errors", "{store_code} is not a store of the district that the hub named to this store: check the code, "
                  "or import the hub's latest bundle first."),
    e.TransferToOwnStore: QT_TRANSLATE_NOOP("Errors", "{store_code} is this store: a transfer goes to another store."),
    e.TransferLotUnknown: QT_TRANSLATE_NOOP("Errors", "No lot of this store has the code {code}."),
    e.TransferLotShort: QT_TRANSLATE_NOOP("Errors", "Lot {lot} holds {available}: {wanted} cannot be sent."),
    e.TransferNotFound: QT_TRANSLATE_NOOP("Errors", "No transfer {number} came to this store."),
    e.TransferAlreadyReceived: QT_TRANSLATE_NOOP(
        "Errors", "Transfer {number} was confirmed already ({at}): nothing was changed."),
    e.TransferLineUnknown: QT_TRANSLATE_NOOP("Errors", "Transfer {number} has no line {line}."),
    e.TransferOverReceived: QT_TRANSLATE_NOOP(
        "Errors", "Line {line} of transfer {number}: {received} received is more than the {sent} sent."),
    e.TransferDifferenceNeedsReason: QT_TRANSLATE_NOOP(
        "Errors", "Line {line} of transfer {number} arrived short: say why (a reason)."),
    e.DownstreamTransferForOtherStore: QT_TRANSLATE_NOOP(
        "Errors", "{path}: transfer {number} is for store {made_for}, not for this store ({store_code}); nothing "
                  "was applied."),
    e.DownstreamTransferConflict: QT_TRANSLATE_NOOP(
        "Errors", "{path}: transfer {number} is held here with other lines; nothing was applied."),
})
PAYMENT_REFERENCE_REASONS = {
    "full_code": QT_TRANSLATE_NOOP(
        "Errors", "The {method} reference holds a whole payment code, which is never stored: scan it in the "
                  "payment dialog, which keeps only its first and last four digits."),
    "wrong_method": QT_TRANSLATE_NOOP("Errors", "The masked payment code is not a {method} code."),
}
MERCHANT_BILL_REASONS = {
    "missing": QT_TRANSLATE_NOOP("Errors", "There is no file {path}."),
    "encoding": QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a merchant bill: it is not text in UTF-8 or GBK."),
    "not_a_bill": QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a WeChat Pay or Alipay merchant bill: no header row of one was found."),
    "bad_row": QT_TRANSLATE_NOOP(
        "Errors", "{path}, line {line}: {field} cannot be read; nothing was imported."),
    "no_payments": QT_TRANSLATE_NOOP("Errors", "{path} is a merchant bill with no payments in it."),
    "too_large": QT_TRANSLATE_NOOP("Errors", "{path} is too large to be one day's merchant bill."),
    "unreadable": QT_TRANSLATE_NOOP("Errors", "{path} cannot be read (no permission, or a read error)."),
}


def one_line(text: str) -> str:
    """The text with line breaks and other control characters shown as
    escapes (\\n, \\x1b, ...): what a file or a bundle names stays on one line."""
    if text.isprintable():
        return text
    return "".join(c.encode("unicode_escape").decode("ascii") if unicodedata.category(c) in _BREAKING else c
                   for c in text)


def size_text(count: object) -> str:
    """A cap in bytes as people read it: 1 GB, 1 MB, 1 KB."""
    if not isinstance(count, int):
        return str(count)
    for unit, size in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if count >= size:
            return f"{count / size:g} {unit}"
    return f"{count} B"


def _bundle_damage(error: e.BundleDamaged, facts: dict[str, object], t: Callable[[str], str]) -> str:
    path = facts.get("path", "")
    if isinstance(error, e.BundleNotAFile):
        what = t(NOT_A_FILE.get(str(facts.get("what")), NOT_A_FILE["other"]))
        return t(BUNDLE_NOT_A_FILE).format(path=path, what=what)
    if isinstance(error, e.BundleTooLarge):
        template = BUNDLE_PART_TOO_LARGE if facts.get("part") else BUNDLE_TOO_LARGE
        return t(template).format(path=path, part=facts.get("part", ""), limit=size_text(facts.get("limit")))
    if isinstance(error, e.BundleZipInvalid):
        return t(BUNDLE_ZIP.get(str(facts.get("detail")), BUNDLE_ZIP["layout"])).format(path=path)
    if isinstance(error, e.BundleJsonInvalid):
        return t(BUNDLE_JSON.get(str(facts.get("detail")), BUNDLE_JSON["number"])).format(
            path=path, part=facts.get("part", ""), limit=facts.get("limit", ""))
    if type(error) in TEMPLATES:
        return t(TEMPLATES[type(error)]).format(**facts)
    return t(BUNDLE_DAMAGE.get(str(facts.get("detail")), BUNDLE_DAMAGE["not_a_bundle"])).format(path=path)


HUB_REFUSED = QT_TRANSLATE_NOOP("Errors", "{path}: the hub's database refused the import: {why}. Nothing was saved.")
HUB_REFUSED_WHY = {
    "disk_full": QT_TRANSLATE_NOOP(
        "Errors", "the disk of the database (server) is full; free some space on it, then import the file again"),
    "connection": QT_TRANSLATE_NOOP(
        "Errors", "the connection to the database server was lost (the server restarted or ended it); import the "
                  "file again"),
    "busy": QT_TRANSLATE_NOOP(
        "Errors", "the database was busy (another import or a lock held too long); import the file again in a "
                  "moment"),
}


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(STORE_TZ).strftime("%H:%M")
    return str(value)


def describe(error: BaseException, tr: Translate) -> str:
    """One sentence, in the user's language, for any error."""
    t = lambda text: tr(CTX, text)  # noqa: E731
    if not isinstance(error, e.PosError):
        return t(UNEXPECTED)
    facts = {key: one_line(value) if isinstance(value, str) else value for key, value in error.facts.items()}
    both = in_both_languages(error)  # the catalog itself: said without it
    if both is not None:
        return " ".join(both)
    if isinstance(error, e.PrinterFailed):
        return _printer_failed(error, t)
    if isinstance(error, (e.UpgradeCopyFailed, e.StoreRevisionUnknown)):
        return _upgrade_refused(error, facts, tr)
    if isinstance(error, e.PaymentCodeRefused):
        return t(PAYMENT_CODE_REASONS.get(str(facts.get("reason")), PAYMENT_CODE_REASONS["wrong_prefix"])).format(
            length=facts.get("length", ""))
    if isinstance(error, e.PaymentReferenceRefused):
        method = t(METHODS.get(str(facts.get("method")), str(facts.get("method"))))
        return t(PAYMENT_REFERENCE_REASONS.get(str(facts.get("reason")), PAYMENT_REFERENCE_REASONS["full_code"])
                 ).format(method=method)
    if isinstance(error, e.MerchantBillRefused):
        return t(MERCHANT_BILL_REASONS.get(str(facts.get("reason")), MERCHANT_BILL_REASONS["not_a_bill"])).format(
            path=facts.get("path", ""), line=facts.get("line", ""), field=facts.get("field", ""))
    if isinstance(error, (e.CountNotOpen, e.CountUnsettled)):
        return _count_refused(error, facts, t)
    if isinstance(error, e.InvalidInput):
        field = facts.get("field", "")
        template = INPUT_REASONS.get(str(facts.get("reason")), INPUT_REASONS["unknown"])
        value = facts.get("value", "")
        if facts.get("reason") == "reference_needed" and str(value) in METHODS:
            value = t(METHODS[str(value)])
        return t(template).format(field=t(FIELDS[field]) if field in FIELDS else field, value=value)
    if isinstance(error, e.BundleDamaged):
        return _bundle_damage(error, facts, t)
    if isinstance(error, e.HubImportFailed) and str(facts.get("reason")) in HUB_REFUSED_WHY:
        return t(HUB_REFUSED).format(path=facts.get("path", ""), why=t(HUB_REFUSED_WHY[str(facts["reason"])]))
    if isinstance(error, e.CardRefused):
        template = CARD_REASONS.get(str(facts.get("reason")), CARD_REASONS["unknown"])
        return t(template).format(card=facts.get("card", ""), until=facts.get("until", ""),
                                  why=facts.get("why", ""))
    if isinstance(error, e.ProtectedFile):
        what = PROTECTED_WHAT.get(str(facts.get("what")), PROTECTED_WHAT["store"])
        return t(PROTECTED).format(path=facts.get("path", ""), what=t(what))
    if isinstance(error, e.OutputNotWritable):
        why = t(NOT_WRITABLE_WHY.get(str(facts.get("reason")), NOT_WRITABLE_WHY["other"]))
        return t(NOT_WRITABLE).format(path=facts.get("path", ""), why=why.format(detail=facts.get("detail", "")))
    if isinstance(error, e.RejectsNotWritten):
        cause = facts.get("cause")
        problem = describe(cause, tr) if isinstance(cause, BaseException) else str(cause or "")
        return t(REJECTS_NOT_WRITTEN).format(count=facts.get("count", 0), problem=problem)
    if isinstance(error, e.ApprovalRejected):
        return t(APPROVAL_REASONS.get(str(facts.get("reason")), APPROVAL_REASONS["not_manager"]))
    if isinstance(error, e.WrongApprovalPin) and facts.get("attempts_left"):
        return t(WRONG_APPROVAL_PIN_LEFT).format(**facts)
    if isinstance(error, e.WrongPin) and facts.get("attempts_left"):
        return t(WRONG_PIN_LEFT).format(**facts)
    if isinstance(error, e.InvalidBarcode):
        facts["why"] = t(BARCODE_REASONS.get(str(facts.get("reason")), BARCODE_REASONS["length"]))
    if isinstance(error, e.PermissionDenied):
        facts["what"] = t(ACTIONS.get(str(facts.get("action")), str(facts.get("action"))))
    if "method" in facts and str(facts["method"]) in METHODS:
        facts["method"] = t(METHODS[str(facts["method"])])
    if "until" in facts:
        facts["until"] = _when(facts["until"])
    for key, value in list(facts.items()):  # amounts travel in fen and are said in yuan
        if key.endswith("_fen") and isinstance(value, int) and not isinstance(value, bool):
            facts[key.removesuffix("_fen")] = format_fen(value)
    for key, value in facts.items():
        if isinstance(value, (list, tuple)):
            facts[key] = ", ".join(str(v) for v in value)
    if isinstance(error, e.PassphraseRefused):
        return t(PASSPHRASE_REASONS.get(str(facts.get("reason")), PASSPHRASE_REASONS["short"])).format(
            minimum=facts.get("minimum", ""), variable=facts.get("variable", ""))
    if isinstance(error, e.TempFolderUnwritable):
        return _temp_folder(facts, t)
    if isinstance(error, e.ShortShelfLife):
        template = SHORT_SHELF_LIFE_KNOWN if facts.get("shelf_life_days") else SHORT_SHELF_LIFE_UNKNOWN
        return t(template).format(**facts)


    if isinstance(error, (e.CampaignRefused, e.CampaignInvalid)):
        return _campaign(error, facts, t)
    for cls in type(error).__mro__:
        if cls in TEMPLATES:
            return t(TEMPLATES[cls]).format(**facts)
    return t(UNEXPECTED)


PASSPHRASE_REASONS = {
    "short": QT_TRANSLATE_NOOP("Errors", "The passphrase is too short: use at least {minimum} characters."),
    "differ": QT_TRANSLATE_NOOP("Errors", "The two passphrases typed differ: nothing was written."),
    "missing": QT_TRANSLATE_NOOP(
        "Errors", "No passphrase: type it when asked, or set {variable} when running from a script."),
}


# --- sync, the store's side ------------------------------------------------------
TEMPLATES.update({
    e.OutputIsFolder: QT_TRANSLATE_NOOP("Errors", "{path} is a folder; give the name of a file to write."),
    e.OutputNotAFolder: QT_TRANSLATE_NOOP("Errors", "{path} is a file, not a folder; give the folder to write into."),
    e.BackupCheckFailed: QT_TRANSLATE_NOOP(
        "Errors", "The backup {path} did not pass its check ({kind}): it cannot be trusted. Check the store "
                  "with “charity-pos verify”."),
    e.BackupFromOtherStore: QT_TRANSLATE_NOOP(
        "Errors", "{path} is a backup of store {found}, not of store {expected}: it is not restored here."),
    e.RestoreWouldReplace: QT_TRANSLATE_NOOP(
        "Errors", "{path} already holds a store: add --force to replace it (the old file is kept beside it)."),
    e.NotABackup: QT_TRANSLATE_NOOP("Errors", "{path} is not a backup of a charity-pos store."),
    e.KeyFileOfOtherStore: QT_TRANSLATE_NOOP("Errors", "{path} is the key file of another store, not of store {expected}."),
    e.WrongPassphrase: QT_TRANSLATE_NOOP(
        "Errors", "The passphrase does not open {path} (wrong passphrase, or the file was changed)."),
    e.OutputExists: QT_TRANSLATE_NOOP(
        "Errors", "{path} already exists and was not written by charity-pos, so it is left as it is; choose "
                  "another name, move it away, or (on the command line) add --force to replace it."),
    e.TrustFileInvalid: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a hub trust file made by “charity-pos hub add-store” (field {field})."),
    e.TrustFileForOtherStore: QT_TRANSLATE_NOOP(
        "Errors", "{path} was made for store {made_for}, not for this store ({store_code})."),
    e.OtherHubTrusted: QT_TRANSLATE_NOOP(
        "Errors", "This store already trusts the hub of {district} ({hub_id}); {path} is from another hub and is refused."),
    e.FromSeqOutOfRange: QT_TRANSLATE_NOOP(
        "Errors", "There is no journal event #{from_seq}: this store's journal runs from #1 to #{last_seq}."),
    e.JournalBroken: QT_TRANSLATE_NOOP(
        "Errors", "The journal of {path} is broken at event #{seq}; nothing was exported. Run charity-pos verify."),
})


# --- the district hub --------------------------------------------------------------
TEMPLATES.update({
    e.HubNotFound: QT_TRANSLATE_NOOP(
        "Errors", "There is no district hub at {url} yet; create it with “charity-pos hub init”."),
    e.HubExists: QT_TRANSLATE_NOOP(
        "Errors", "{url} already holds the district hub of {district}; a new hub needs a new database."),
    e.NotAHubDatabase: QT_TRANSLATE_NOOP("Errors", "{url} is not a charity-pos district hub database."),
    e.HubUnreachable: QT_TRANSLATE_NOOP("Errors", "The hub database {url} cannot be opened: {detail}"),
    e.HubSchemaBehind: QT_TRANSLATE_NOOP(
        "Errors", "The hub database {url} has schema {revision} but this charity-pos needs {head}, and this database "
                  "role may not upgrade it: run “charity-pos hub upgrade --hub URL” as the database's owner role, then "
                  "try again. Nothing was changed."),
    e.RegistrationInvalid: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a store registration file made by “charity-pos store-key” (field {field})."),
    e.StoreKeyMismatch: QT_TRANSLATE_NOOP(
        "Errors", "Store {store_code} is already registered with another key; a registration file cannot replace it."),
    e.StoreJournalInvalid: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a store's journal as the district hub writes it, or it is damaged (line {line}: "
                  "{detail}): nothing was written."),
    e.StoreJournalBroken: QT_TRANSLATE_NOOP(
        "Errors", "{path}: event #{seq} does not follow the one before it (changed, dropped or moved, {detail}): "
                  "refused, nothing was written."),
    e.StoreJournalForged: QT_TRANSLATE_NOOP(
        "Errors", "{path} does not match the signature of {signer}: refused as forged or damaged, nothing was "
                  "written."),
    e.StoreJournalOtherHub: QT_TRANSLATE_NOOP(
        "Errors", "{path} is signed by {signer}, not by the hub this store trusted ({expected}): refused, nothing "
                  "was written."),
    e.StoreJournalNoHub: QT_TRANSLATE_NOOP(
        "Errors", "{path}: the store's journal names no hub it trusted; give the hub's trust file with --trust to "
                  "check the signature. Nothing was written."),
    e.StoreJournalEmpty: QT_TRANSLATE_NOOP(
        "Errors", "The hub holds no event of store {store_code}: there is nothing to rebuild it from."),
    e.JournalKeyFileOfOtherStore: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not the key file of store {store_code}: refused, nothing was written."),
    e.KeyFileConflict: QT_TRANSLATE_NOOP(
        "Errors", "{path} already holds another key file of this store; charity-pos never writes over a key file. "
                  "Give that file with --key, or move it away."),
    e.RebuildManagerMissing: QT_TRANSLATE_NOOP(
        "Errors", "The store's journal has no active manager account “{username}” to give the PIN to; name one "
                  "with --manager."),
    e.StoreKeyChangeNeedsStaff: QT_TRANSLATE_NOOP(
        "Errors", "Store {store_code} is already registered with another key; a registration file alone cannot "
                  "replace it, only with a district staff account's PIN (--staff NAME --staff-pin PIN)."),
    e.StoreIdTaken: QT_TRANSLATE_NOOP(
        "Errors", "This store is already registered as {registered_code}, not as {store_code}."),
    e.BundleNotStoreEvents: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a bundle of a store's events (it is “{kind}”)."),
    e.UnknownStore: QT_TRANSLATE_NOOP(
        "Errors", "{path} comes from store {store_code}, which is not registered at this hub; "
                  "register it with “charity-pos hub add-store” first."),
    e.BundleAltered: QT_TRANSLATE_NOOP(
        "Errors", "{path} has been altered: its bytes are not those charity-pos wrote for its content."),
    e.BundleSignerMismatch: QT_TRANSLATE_NOOP(
        "Errors", "{path} is signed by {signer} but holds the events of store {store_code}: refused as forged."),
    e.BundleStoreMismatch: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not from the store registered as {store_code} (another store id): refused."),
    e.BundleManifestMismatch: QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged or tampered with: its manifest ({field}) does not match its events."),
    e.EventsUnreadable: QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged: line {line} of its events is not an event."),
    e.EventsOutOfOrder: QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged or tampered with: its events are out of order or missing (expected #{seq})."),
    e.EventHashWrong: QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged or tampered with: event #{seq} does not match its hash."),
    e.EventChainBroken: QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged or tampered with: event #{seq} does not follow the event before it."),
    e.EventsMissing: QT_TRANSLATE_NOOP(
        "Errors", "missing events {first}-{last} of store {store_code}: import the earlier bundle first"),
    e.EventsFork: QT_TRANSLATE_NOOP(
        "Errors", "Event #{seq} of store {store_code} differs from the one the hub already holds: "
                  "refused as tampering (a fork)."),
    e.HubImportFailed: QT_TRANSLATE_NOOP(
        "Errors", "{path}: the hub's database refused the import ({detail}); nothing was saved."),
    e.BundleImportCrashed: QT_TRANSLATE_NOOP(
        "Errors", "{path} was refused after an unexpected error ({error}); nothing was saved, and the details are "
                  "in the log file."),
    e.BundleManifestInvalid: QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged or tampered with: its manifest's {field} is missing or not a value "
                  "charity-pos writes."),
    e.EventPayloadInvalid: QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged or tampered with: event #{seq} (line {line}) is not what a store writes "
                  "({field})."),
    e.StoreNotRegistered: QT_TRANSLATE_NOOP(
        "Errors", "No store {store_code} is registered at this hub; register it with “charity-pos hub add-store”."),
    e.HouseholdLinksUnreadable: QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged: line {line} of its households is not a household link."),
})

TEMPLATES.update({
    e.NoHubTrusted: QT_TRANSLATE_NOOP(
        "Errors", "This store trusts no district hub yet, so {path} cannot be checked: run charity-pos trust-hub first."),
    e.BundleNotDownstream: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a bundle from the district hub to a store (it is a {kind} bundle)."),
    e.DownstreamForOtherStore: QT_TRANSLATE_NOOP(
        "Errors", "{path} was made for store {made_for}, not for this store ({store_code})."),
    e.DownstreamFromOtherHub: QT_TRANSLATE_NOOP(
        "Errors", "{path} is signed by {signer}, not by the hub of {district} that this store trusts: refused."),
    e.DownstreamNotNewer: QT_TRANSLATE_NOOP(
        "Errors", "{path} is bundle #{sequence} from the hub, not newer than #{last_seq}: it is older than the one "
                  "last applied (or the same one) and is refused."),
    e.DownstreamUnreadable: QT_TRANSLATE_NOOP(
        "Errors", "{path} is damaged: line {line} of {file} is not what the district sends; nothing was applied."),
    e.DownstreamCardConflict: QT_TRANSLATE_NOOP(
        "Errors", "{path}: card {card} of the district's registry is held here by another household; nothing was "
                  "applied. Ask the district to check the card."),
    e.IdNotHeldHere: QT_TRANSLATE_NOOP(
        "Errors", "Household {card} came from the district's registry: this store does not hold its whole ID number "
                  "(ask the district)."),
})


# --- trace and donor statements --------------------------------------------------------
TEMPLATES.update({
    e.TraceCodeUnknown: QT_TRANSLATE_NOOP(
        "Errors", "Nothing in this store has the code “{code}”: scan a label, or type a barcode or a donation, "
                  "receipt, sale, return, handout, stock receipt, count or write-off number."),
    e.DonorNotFound: QT_TRANSLATE_NOOP(
        "Errors", "No donor is recorded as “{donor}”: give the donor's name exactly as recorded, a company's credit "
                  "code or the donor's phone number."),
    e.DonorAmbiguous: QT_TRANSLATE_NOOP(
        "Errors", "{count} donors are recorded as “{donor}”: give the company's credit code or the donor's phone "
                  "number instead."),
    e.DonorAnonymous: QT_TRANSLATE_NOOP(
        "Errors", "Anonymous donations have no donor statement: there is no one to address it to."),
    e.NothingToReport: QT_TRANSLATE_NOOP(
        "Errors", "“{donor}” gave nothing in {year}: there is no statement to write."),
})
FIELDS.update({
    "code": QT_TRANSLATE_NOOP("Errors", "Code"),
    "year": QT_TRANSLATE_NOOP("Errors", "Year"),
    "donor": QT_TRANSLATE_NOOP("Errors", "Donor"),
})
INPUT_REASONS.update({
    "year": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” is not a year; type it like 2026."),
})


# --- exports and the public notice --------------------------------------------------
TEMPLATES.update({
    e.UnknownExportType: QT_TRANSLATE_NOOP(
        "Errors", "{path}: a report is written as an Excel workbook (.xlsx), a PDF (.pdf) or a .csv file, "
                  "not as “{suffix}”."),
    e.UnknownReport: QT_TRANSLATE_NOOP("Errors", "There is no report “{kind}”; the reports are: {kinds}."),
    e.MonthToCome: QT_TRANSLATE_NOOP(
        "Errors", "{month} has not begun yet: a public notice is written for a month that has begun."),
})

FIELDS.update({
    "amount": QT_TRANSLATE_NOOP("Errors", "Amount"),
})


# --- the hub's reporting status ---------------------------------------------------------
INPUT_REASONS.update({
    "months_range": QT_TRANSLATE_NOOP(
        "Errors", "{field}: up to “{value}” is more than 36 months; show at most 36 months at a time."),
})


# --- receipts anyone can verify -------------------------------------------------------
TEMPLATES.update({
    e.ReceiptQrTraining: QT_TRANSLATE_NOOP(
        "Errors", "This QR code was printed in training mode: it is practice, not a donation receipt."),
    e.ReceiptQrForeign: QT_TRANSLATE_NOOP(
        "Errors", "“{text}” is not the QR code of a charity-pos donation receipt: scan the code at the top left "
                  "of the receipt."),
    e.QrNotFound: QT_TRANSLATE_NOOP(
        "Errors", "No QR code could be read in {path}: scan or photograph the receipt again, flat, sharp and with "
                  "the whole code in the picture."),
    e.PictureUnreadable: QT_TRANSLATE_NOOP(
        "Errors", "{path} cannot be read as a picture or PDF: give a PNG, JPEG or PDF of the receipt."),
    e.KeysFileInvalid: QT_TRANSLATE_NOOP(
        "Errors", "{path} is not a keys file written by charity-pos hub publish-keys ({field} is wrong)."),
    e.KeysFileForged: QT_TRANSLATE_NOOP(
        "Errors", "{path} was changed after the hub signed it (hub key {fingerprint}): do not trust it; get the "
                  "district's keys file again."),
    e.KeysFingerprintWrong: QT_TRANSLATE_NOOP(
        "Errors", "{path} is signed by hub key {fingerprint}, not by the district's key {expected}: do not trust "
                  "it."),
})
FIELDS.update({
    "qr_version": QT_TRANSLATE_NOOP("Errors", "version"),
    "qr_fields": QT_TRANSLATE_NOOP("Errors", "layout"),
    "qr_store": QT_TRANSLATE_NOOP("Errors", "store code"),
    "qr_number": QT_TRANSLATE_NOOP("Errors", "receipt number"),
    "qr_date": QT_TRANSLATE_NOOP("Errors", "date"),
    "qr_amount": QT_TRANSLATE_NOOP("Errors", "amount"),
    "qr_signature": QT_TRANSLATE_NOOP("Errors", "signature"),
    "qr_verification_code": QT_TRANSLATE_NOOP("Errors", "verification code"),
})
INPUT_REASONS.update({
    "qr_damaged": QT_TRANSLATE_NOOP(
        "Errors", "The receipt's QR code is damaged: its {field} “{value}” is not as a store prints it. Scan it "
                  "again, or type its text exactly."),
})


# --- a receipt's verdict: the same words on the command line and in the hub app ------------------------
RCTX = "Receipts"
VERDICT_HEADLINES = {
    "genuine": QT_TRANSLATE_NOOP(
        "Receipts", "GENUINE: receipt {number} of {store} ({code}) is in the store's journal at the hub, as printed."),
    "genuine_offline": QT_TRANSLATE_NOOP(
        "Receipts", "GENUINE: receipt {number} is signed by {store} ({code}); checked offline, without the store's "
                    "journal."),
    "voided": QT_TRANSLATE_NOOP(
        "Receipts", "GENUINE BUT VOIDED: receipt {number} of {store} ({code}) was voided on {voided}."),
    "not_imported": QT_TRANSLATE_NOOP(
        "Receipts", "GENUINE BUT NOT YET IMPORTED: receipt {number} is signed by {store} ({code}), but the hub has "
                    "no bundle with it yet."),
    "forged_store": QT_TRANSLATE_NOOP("Receipts", "FORGED: no store {code} is registered in the district."),
    "forged_signature": QT_TRANSLATE_NOOP(
        "Receipts", "FORGED: the signature is not store {code}'s: this receipt was not printed by the store as shown."),
    "forged_amount": QT_TRANSLATE_NOOP(
        "Receipts", "FORGED: the amount {claimed} differs from the store's journal ({journal})."),
    "forged_date": QT_TRANSLATE_NOOP(
        "Receipts", "FORGED: the date {claimed} differs from the store's journal ({journal})."),
    "forged_retired": QT_TRANSLATE_NOOP(
        "Receipts", "FORGED: receipt {number} is signed with an earlier key of store {code}, retired on {retired}, "
                    "but dated {claimed}, after that day: the store no longer had that key."),
    "unsigned": QT_TRANSLATE_NOOP(
        "Receipts", "OLDER RECEIPT WITHOUT SIGNATURE: receipt {number} of {code} was printed before receipts were "
                    "signed; its QR code alone cannot prove it genuine."),
    "unknown_store": QT_TRANSLATE_NOOP(
        "Receipts", "UNKNOWN STORE: store {code} is not in the keys file (published {published}): get the "
                    "district's latest keys file."),
}
UNSIGNED_NOTES = {
    "matches": QT_TRANSLATE_NOOP(
        "Receipts", "The store's journal at the hub holds it with the same verification code, amount and date."),
    "differs": QT_TRANSLATE_NOOP(
        "Receipts", "The store's journal at the hub holds this number with another verification code, amount or "
                    "date: ask the store."),
    "not_found": QT_TRANSLATE_NOOP("Receipts", "The store's journal at the hub does not hold it (yet)."),
    "store": QT_TRANSLATE_NOOP("Receipts", "No store of this code is registered in the district."),
}
DETAIL_LABELS = {
    "store": QT_TRANSLATE_NOOP("Receipts", "Store"),
    "number": QT_TRANSLATE_NOOP("Receipts", "Receipt"),
    "date": QT_TRANSLATE_NOOP("Receipts", "Date"),
    "amount": QT_TRANSLATE_NOOP("Receipts", "Amount"),
    "donation": QT_TRANSLATE_NOOP("Receipts", "Donation"),
    "donor": QT_TRANSLATE_NOOP("Receipts", "Donor"),
    "item": QT_TRANSLATE_NOOP("Receipts", "Item"),
    "cash": QT_TRANSLATE_NOOP("Receipts", "Cash"),
    "voided": QT_TRANSLATE_NOOP("Receipts", "Voided on"),
    "held": QT_TRANSLATE_NOOP("Receipts", "The hub holds"),
    "note": QT_TRANSLATE_NOOP("Receipts", "Note"),
    "key": QT_TRANSLATE_NOOP("Receipts", "Key"),
}
EARLIER_KEY = QT_TRANSLATE_NOOP("Receipts", "an earlier key of the store, in use until {retired}")
HELD = QT_TRANSLATE_NOOP("Receipts", "the store's events up to #{seq}, last bundle {at}")
HELD_NONE = QT_TRANSLATE_NOOP("Receipts", "no bundle of this store yet")
UNVALUED_LINE = QT_TRANSLATE_NOOP("Receipts", "{name} × {quantity} {unit} (not valued)")
VALUED_LINE = QT_TRANSLATE_NOOP("Receipts", "{name} × {quantity} {unit} at {price}")
ON_THE_QR = QT_TRANSLATE_NOOP("Receipts", "{value} (on the receipt)")


def describe_receipt_check(check: object, tr: Translate, language: str = "zh_CN", *,
                           offline: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """A receipt's verdict (``hub.receipts.HubCheck`` or
    ``security.receipt_sig.OfflineResult``) as a headline and the details
    as (label, value) pairs, in the user's language."""
    from charity_pos.reports.words import DONOR_KINDS, label

    t = lambda text: tr(RCTX, text)  # noqa: E731
    claim: object = getattr(check, "claim")
    verdict = str(getattr(check, "verdict"))
    reason = getattr(check, "reason", None)
    code, number = getattr(claim, "store_code"), getattr(claim, "number")
    store = one_line(getattr(check, "store_name", None) or code)
    journal_day, journal_total = getattr(check, "issued_on", None), getattr(check, "total_fen", None)
    voided = getattr(check, "voided_on", None)
    facts = {"number": number, "code": code, "store": store, "voided": voided.isoformat() if voided else "",
             "published": getattr(check, "published", "")}
    key = verdict
    if verdict == "genuine" and offline:
        key = "genuine_offline"
    elif verdict == "forged":
        key = "forged_" + (reason if reason in ("store", "amount", "date", "retired") else "signature")
        if reason == "amount":
            facts.update(claimed=format_fen(getattr(claim, "total_fen")), journal=format_fen(journal_total or 0))
        elif reason == "date":
            facts.update(claimed=getattr(claim, "issued_on").isoformat(),
                         journal=journal_day.isoformat() if journal_day else "")
    retired = getattr(check, "retired_on", None)
    if retired is not None:
        facts.update(retired=retired.isoformat(), claimed=getattr(claim, "issued_on").isoformat())
    headline = t(VERDICT_HEADLINES[key]).format(**facts)

    details: list[tuple[str, str]] = []

    def add(name: str, value: str) -> None:
        details.append((t(DETAIL_LABELS[name]), value))

    if verdict != "forged" or reason != "store":
        add("store", f"{store} ({code})")
    add("number", number)
    claimed_day, claimed_total = getattr(claim, "issued_on").isoformat(), format_fen(getattr(claim, "total_fen"))
    if journal_day is not None and journal_day.isoformat() != claimed_day:
        add("date", f"{journal_day.isoformat()} · " + t(ON_THE_QR).format(value=claimed_day))
    else:
        add("date", claimed_day)
    if journal_total is not None and format_fen(journal_total) != claimed_total:
        add("amount", f"{format_fen(journal_total)} · " + t(ON_THE_QR).format(value=claimed_total))
    else:
        add("amount", claimed_total)
    if voided:
        add("voided", voided.isoformat())
    if retired is not None and verdict != "forged":
        add("key", t(EARLIER_KEY).format(retired=retired.isoformat()))
    if getattr(check, "donation_number", None):
        add("donation", str(getattr(check, "donation_number")))
        kind = getattr(check, "donor_kind", None)
        shown = getattr(check, "donor_shown", None)
        add("donor", label(DONOR_KINDS, kind, language) + (f" · {shown}" if shown else ""))
        for line in getattr(check, "lines", ()):
            values = {"name": one_line(line.name), "quantity": line.quantity, "unit": one_line(line.unit)}
            if line.unit_value_fen is None:
                add("item", t(UNVALUED_LINE).format(**values))
            else:
                add("item", t(VALUED_LINE).format(price=format_fen(line.unit_value_fen), **values))
        if getattr(check, "cash_fen", 0):
            add("cash", format_fen(getattr(check, "cash_fen")))
    if verdict == "not_imported":
        seq, at = getattr(check, "last_seq", 0), getattr(check, "last_bundle_at", None)
        if seq and at is not None:
            add("held", t(HELD).format(seq=seq, at=at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M")))
        else:
            add("held", t(HELD_NONE))
    if verdict == "unsigned" and not offline and reason in UNSIGNED_NOTES:
        add("note", t(UNSIGNED_NOTES[reason]))
    return headline, details


# --- receipt printers and the cash drawer -------------------------------------------------
PRINTER_FAILED = QT_TRANSLATE_NOOP(
    "Errors", "The receipt printer ({target}) did not take the job: {why} What was recorded is kept: print "
              "again once the printer is ready.")
PRINTER_WHY = {
    "offline": QT_TRANSLATE_NOOP("Errors", "it cannot be reached. Check that it is switched on and its cable "
                                           "(or network) is plugged in."),
    "port": QT_TRANSLATE_NOOP("Errors", "the port cannot be opened. Check the port's name in Settings, and that no "
                                        "other program is using it."),
    "no_paper": QT_TRANSLATE_NOOP("Errors", "it is out of paper. Put in a new roll and close the cover."),
    "driver": QT_TRANSLATE_NOOP("Errors", "this PC lacks what the connection needs (the USB library or the "
                                          "Windows printing module)."),
    "windows_only": QT_TRANSLATE_NOOP("Errors", "a Windows print queue can only be used on Windows."),
    "other": QT_TRANSLATE_NOOP("Errors", "it answered with an error ({detail})."),
}


def _printer_failed(error: e.PrinterFailed, t: Callable[[str], str]) -> str:
    facts = error.facts
    why = t(PRINTER_WHY.get(str(facts.get("reason")), PRINTER_WHY["other"])).format(
        detail=one_line(str(facts.get("detail", ""))))
    return t(PRINTER_FAILED).format(target=one_line(str(facts.get("target", ""))), why=why)


FIELDS.update({
    "slip_output": QT_TRANSLATE_NOOP("Errors", "Slip output"),
    "printer_connection": QT_TRANSLATE_NOOP("Errors", "Printer connection"),
    "usb_vendor": QT_TRANSLATE_NOOP("Errors", "USB vendor ID"),
    "usb_product": QT_TRANSLATE_NOOP("Errors", "USB product ID"),
    "serial_port": QT_TRANSLATE_NOOP("Errors", "Serial port"),
    "serial_baud": QT_TRANSLATE_NOOP("Errors", "Baud rate"),
    "printer_host": QT_TRANSLATE_NOOP("Errors", "Printer address"),
    "printer_port": QT_TRANSLATE_NOOP("Errors", "Printer port"),
    "printer_name": QT_TRANSLATE_NOOP("Errors", "Windows printer"),
    "drawer_pin": QT_TRANSLATE_NOOP("Errors", "Drawer pin"),
    "slip_width": QT_TRANSLATE_NOOP("Errors", "Slip paper"),
})
INPUT_REASONS.update({
    "usb_id": QT_TRANSLATE_NOOP(
        "Errors", "{field}: “{value}” is not a USB ID; type four hexadecimal digits, like 0416 or 0x0416."),
    "baud": QT_TRANSLATE_NOOP(
        "Errors", "{field}: “{value}” is not a baud rate a receipt printer uses (9600, 19200, 38400, 57600 or 115200)."),
    "host": QT_TRANSLATE_NOOP(
        "Errors", "{field}: “{value}” is not a network address; type the printer's IP address, like 192.168.1.87."),
    "port_number": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” is not a port number from 1 to 65535."),
    "drawer_pin": QT_TRANSLATE_NOOP("Errors", "{field}: a cash drawer is on pin 2 or pin 5, not “{value}”."),
    "paper_width": QT_TRANSLATE_NOOP("Errors", "{field}: receipt paper is 58 or 80 mm wide, not “{value}”."),
    "windows_only": QT_TRANSLATE_NOOP("Errors", "{field}: a Windows print queue can only be used on Windows."),
    "choice": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” is not one of the choices."),
})
ACTIONS.update({
    "drawer.open": QT_TRANSLATE_NOOP("Errors", "open the cash drawer without a sale"),
    "backups.manage": QT_TRANSLATE_NOOP("Errors", "choose the backup folder"),
})


# --- checking a store: verify's temporary folder --------------------------------------
TEMP_FOLDER = QT_TRANSLATE_NOOP(
    "Errors", "The check could not be run: the temporary folder {folder} cannot be written ({why}). This says "
              "nothing about the store file, which was not changed. Make room there, or set TMPDIR to a folder "
              "with room, and run the check again.")
TEMP_FOLDER_WHY = {
    "no_space": QT_TRANSLATE_NOOP("Errors", "the disk is full"),
    "read_only": QT_TRANSLATE_NOOP("Errors", "the disk is read-only"),
    "permission": QT_TRANSLATE_NOOP("Errors", "no permission to write there"),
    "missing": QT_TRANSLATE_NOOP("Errors", "the folder does not exist"),
    "not_a_folder": QT_TRANSLATE_NOOP("Errors", "it is not a folder"),
    "other": QT_TRANSLATE_NOOP("Errors", "{detail}"),
}


def _temp_folder(facts: dict[str, object], t: Callable[[str], str]) -> str:
    why = t(TEMP_FOLDER_WHY.get(str(facts.get("reason")), TEMP_FOLDER_WHY["other"]))
    return t(TEMP_FOLDER).format(folder=facts.get("folder", ""), why=why.format(detail=facts.get("detail", "")))


# --- best-before dates: the lot named at the counter, the minimum shelf life at intake -------
TEMPLATES.update({
    e.ExpiredLot: QT_TRANSLATE_NOOP(
        "Errors", "“{item_name}”, lot {lot}, is past its best-before date ({expiry_date}): it cannot be sold or "
                  "handed out. Take the lot off the shelf."),
})
SHORT_SHELF_LIFE_KNOWN = QT_TRANSLATE_NOOP(
    "Errors", "“{item_name}” is best before {expiry_date}, {days_left} days from today: the store takes it with "
              "at least {minimum_days} days left ({percent}% of its {shelf_life_days}-day shelf life). A manager "
              "may accept it with a reason.")
SHORT_SHELF_LIFE_UNKNOWN = QT_TRANSLATE_NOOP(
    "Errors", "“{item_name}” is best before {expiry_date}, {days_left} days from today: food whose shelf life is "
              "not recorded is taken with at least {minimum_days} days left. A manager may accept it with a reason.")
FIELDS.update({
    "shelf_life": QT_TRANSLATE_NOOP("Errors", "Shelf life"),
    "markdown": QT_TRANSLATE_NOOP("Errors", "Markdown"),
})
INPUT_REASONS.update({
    "shelf_life_range": QT_TRANSLATE_NOOP(
        "Errors", "{field}: “{value}” is not a number of days from 1 to 3650 (ten years)."),
    "markdown_either": QT_TRANSLATE_NOOP("Errors", "{field}: give either a share off or a new price, not both."),
    "markdown_what": QT_TRANSLATE_NOOP("Errors", "{field}: name the goods by their codes, or give --within; one of them."),
    "markdown_percent": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” is not a share off from 1% to 90%."),
    "not_near_expiry": QT_TRANSLATE_NOOP(
        "Errors", "{field}: “{value}” has no lot within 30 days of its best-before date; change its price in the "
                  "item editor instead."),
    "not_lower": QT_TRANSLATE_NOOP(
        "Errors", "{field}: the price of “{value}” would not come down; a markdown only lowers prices."),
})
ACTIONS.update({
    "donation.short_dated": QT_TRANSLATE_NOOP(
        "Errors", "take in food with less shelf life left than the store's minimum"),
})


# --- write-offs (报损) -------------------------------------------------------------------
TEMPLATES.update({
    e.LotUnknown: QT_TRANSLATE_NOOP(
        "Errors", "No lot has the code “{code}”: scan the lot's label (22…), or give a maker's barcode or the "
                  "lot's id (charity-pos show stock --json)."),
    e.LotAmbiguous: QT_TRANSLATE_NOOP(
        "Errors", "{count} lots of “{item_name}” hold goods under barcode {code}: name one by its lot id "
                  "(charity-pos show stock --json), or choose it on the stock screen."),
    e.LotEmpty: QT_TRANSLATE_NOOP("Errors", "Lot {code} of “{item_name}” is empty: there is nothing to write off."),
    e.LotShort: QT_TRANSLATE_NOOP(
        "Errors", "Lot {code} of “{item_name}” holds {available}: {wanted} cannot be written off."),
    e.WriteoffUnknown: QT_TRANSLATE_NOOP("Errors", "There is no write-off numbered “{number}”."),
})
FIELDS.update({
    "writeoff_reason": QT_TRANSLATE_NOOP("Errors", "Write-off reason"),
    "writeoff_note": QT_TRANSLATE_NOOP("Errors", "What happened"),
    "recipient": QT_TRANSLATE_NOOP("Errors", "Receiving organisation"),
    "lot": QT_TRANSLATE_NOOP("Errors", "Lot"),
    "pdf": QT_TRANSLATE_NOOP("Errors", "PDF file (--pdf)"),
})
INPUT_REASONS.update({
    "only_donated_on": QT_TRANSLATE_NOOP(
        "Errors", "{field} is given only for goods passed on to another charity (转赠)."),
    "lot_twice": QT_TRANSLATE_NOOP("Errors", "{field} {value} is on this write-off twice."),
    "per_lot": QT_TRANSLATE_NOOP("Errors", "Give one --quantity for each --lot, in the same order."),
})
ACTIONS.update({
    "stock.write_off": QT_TRANSLATE_NOOP("Errors", "write goods off"),
    "stock.write_off_over_limit": QT_TRANSLATE_NOOP("Errors", "write off goods worth more than the limit"),
})


# --- stock counts as a session (盘点) ------------------------------------------------------
TEMPLATES.update({
    e.CountOverlaps: QT_TRANSLATE_NOOP(
        "Errors", "Count {number} is still open over some of these goods: finish or cancel it first."),
    e.OutsideCount: QT_TRANSLATE_NOOP(
        "Errors", "“{item_name}” (shelf {location}) is not among the goods count {number} covers; "
                  "count it in its own count."),
})
COUNT_STATES = {
    "finished": QT_TRANSLATE_NOOP("Errors", "Count {number} is finished: nothing more can be entered or changed."),
    "cancelled": QT_TRANSLATE_NOOP("Errors", "Count {number} was cancelled: nothing more can be entered or changed."),
}
COUNT_UNSETTLED = {
    "empty": QT_TRANSLATE_NOOP("Errors", "Count {number} has nothing counted yet: count goods first, or cancel it."),
    "recount": QT_TRANSLATE_NOOP(
        "Errors", "Count {number} cannot finish: {items} item(s) marked for a recount, such as “{item_name}”, "
                  "have not been counted again."),
    "unexplained": QT_TRANSLATE_NOOP(
        "Errors", "Count {number} cannot finish: {items} difference(s) over the threshold, such as “{item_name}”, "
                  "need a recount or a manager's reason."),
}
FIELDS.update({
    "location": QT_TRANSLATE_NOOP("Errors", "Shelf location"),
    "scope": QT_TRANSLATE_NOOP("Errors", "What to count"),
    "code": QT_TRANSLATE_NOOP("Errors", "Barcode"),
    "recount": QT_TRANSLATE_NOOP("Errors", "Recount"),
})
INPUT_REASONS.update({
    "no_goods": QT_TRANSLATE_NOOP("Errors", "{field}: no goods stand on “{value}”; set it in the item editor first."),
    "already": QT_TRANSLATE_NOOP("Errors", "This line is already marked for a recount: count it again."),
})
ACTIONS.update({
    "count.manage": QT_TRANSLATE_NOOP("Errors", "start, finish or cancel a stock count"),
    "count.enter": QT_TRANSLATE_NOOP("Errors", "enter goods into a stock count"),
})


def _count_refused(error: e.PosError, facts: dict[str, object], t: Callable[[str], str]) -> str:
    if isinstance(error, e.CountNotOpen):
        template = COUNT_STATES.get(str(facts.get("status")), COUNT_STATES["finished"])
    else:
        template = COUNT_UNSETTLED.get(str(facts.get("reason")), COUNT_UNSETTLED["unexplained"])
    shown = {key: facts.get(key, "") for key in ("number", "items", "item_name")}
    if not shown["item_name"]:
        shown["item_name"] = "-"
    return t(template).format(**shown)


# --- consigned goods (代销) ------------------------------------------------------------
TEMPLATES.update({
    e.ConsignorNotFound: QT_TRANSLATE_NOOP(
        "Errors", "No consignor is called or has the credit code “{key}”; see charity-pos consignor list."),
    e.ConsignedShort: QT_TRANSLATE_NOOP(
        "Errors", "Only {left} of “{item_name}” from {consignor} are left: {wanted} cannot be returned."),
    e.SettlementMonthToCome: QT_TRANSLATE_NOOP(
        "Errors", "{month} has not begun yet: a settlement is made for a month that has begun."),
})
FIELDS.update({
    "consignor": QT_TRANSLATE_NOOP("Errors", "Consignor"),
    "settlement_price": QT_TRANSLATE_NOOP("Errors", "Settlement price"),
    "contact": QT_TRANSLATE_NOOP("Errors", "Contact person"),
    "bank": QT_TRANSLATE_NOOP("Errors", "Bank and account"),
    "notes": QT_TRANSLATE_NOOP("Errors", "Notes"),
    "pdf_out": QT_TRANSLATE_NOOP("Errors", "The PDF file (--pdf, .pdf)"),
    "xlsx_out": QT_TRANSLATE_NOOP("Errors", "The Excel file (--xlsx, .xlsx)"),
})
INPUT_REASONS.update({
    "not_consigned": QT_TRANSLATE_NOOP(
        "Errors", "“{value}” is not consigned goods: only goods whose source is consigned arrive from a consignor."),
    "consignor_inactive": QT_TRANSLATE_NOOP("Errors", "The consignor “{value}” is switched off."),
    "wrong_suffix": QT_TRANSLATE_NOOP("Errors", "{field}: “{value}” has another ending."),
    "consigned_goods_in": QT_TRANSLATE_NOOP(
        "Errors", "“{value}” is consigned goods: it arrives from its consignor on the consigned goods screen, "
                  "not as a purchase."),
})
ACTIONS.update({
    "consignment.manage": QT_TRANSLATE_NOOP("Errors", "keep the consignors and their goods"),
})


# --- relief campaigns ------------------------------------------------------------------
TEMPLATES.update({
    e.CampaignStockShort: QT_TRANSLATE_NOOP(
        "Errors", "Not enough {goods} on hand for the package of “{campaign}”: {wanted} needed, {available} there. "
                  "Nothing was handed out."),
    e.CampaignNotFound: QT_TRANSLATE_NOOP("Errors", "No campaign {key}."),
})
CAMPAIGN_REASONS = {
    "not_started": QT_TRANSLATE_NOOP("Errors", "“{campaign}” starts on {starts}: nothing is handed out before."),
    "ended": QT_TRANSLATE_NOOP("Errors", "“{campaign}” ended on {ends}: nothing more is handed out for it."),
    "category": QT_TRANSLATE_NOOP(
        "Errors", "Relief card {card}: “{campaign}” is not for households of this category."),
    "area": QT_TRANSLATE_NOOP("Errors", "Relief card {card}: “{campaign}” does not cover the household's sub-district."),
    "not_listed": QT_TRANSLATE_NOOP(
        "Errors", "Relief card {card} is not on this store's list for “{campaign}” (the district's last bundle)."),
    "collected_here": QT_TRANSLATE_NOOP(
        "Errors", "Relief card {card} has collected “{campaign}” here already ({number})."),
    "collected_elsewhere": QT_TRANSLATE_NOOP(
        "Errors", "Relief card {card} has collected “{campaign}” at store {store} already (as the district said)."),
}
CAMPAIGN_FIELDS = {
    "name": QT_TRANSLATE_NOOP("Errors", "the name"),
    "dates": QT_TRANSLATE_NOOP("Errors", "the dates (from, to)"),
    "categories": QT_TRANSLATE_NOOP("Errors", "the household categories"),
    "areas": QT_TRANSLATE_NOOP("Errors", "the sub-districts"),
    "package": QT_TRANSLATE_NOOP("Errors", "the package (goods and quantities, or a value)"),
    "value": QT_TRANSLATE_NOOP("Errors", "the package's value"),
    "barcode": QT_TRANSLATE_NOOP("Errors", "a barcode"),
    "goods_category": QT_TRANSLATE_NOOP("Errors", "a goods category"),
    "quantity": QT_TRANSLATE_NOOP("Errors", "a quantity"),
    "lines": QT_TRANSLATE_NOOP("Errors", "the goods chosen"),
}
CAMPAIGN_INVALID = QT_TRANSLATE_NOOP("Errors", "The campaign cannot be taken: {field} is not right ({value}).")


def _campaign(error: e.PosError, facts: dict[str, object], t: Callable[[str], str]) -> str:
    if isinstance(error, e.CampaignInvalid):
        field = str(facts.get("field", ""))
        return t(CAMPAIGN_INVALID).format(field=t(CAMPAIGN_FIELDS[field]) if field in CAMPAIGN_FIELDS else field,
                                          value=facts.get("value", ""))
    reason = str(facts.get("reason"))
    if reason in CARD_REASONS:  # the card itself (suspended, expired, ...)
        return t(CARD_REASONS[reason]).format(card=facts.get("card", ""), until=facts.get("until", ""),
                                              why=facts.get("why", ""))
    return t(CAMPAIGN_REASONS.get(reason, CAMPAIGN_REASONS["not_listed"])).format(
        card=facts.get("card", ""), campaign=facts.get("campaign", ""), starts=facts.get("starts", ""),
        ends=facts.get("ends", ""), number=facts.get("number", ""), store=facts.get("store", ""))


# --- the installation ----------------------------------------------------------------
TEMPLATES.update({
    e.ResourceMissing: QT_TRANSLATE_NOOP(
        "Errors", "charity-pos is not installed completely: {resource} is missing (looked for in {where}). "
                  "Install charity-pos again."),
    e.ResourceDamaged: QT_TRANSLATE_NOOP(
        "Errors", "charity-pos is not installed completely: {resource} is damaged (in {where}). "
                  "Install charity-pos again."),
})

#: The Chinese catalog is what would translate the sentence saying it is missing: so that one is said in
#: both languages, built in (not through the catalog), Chinese first, the app's default.
CATALOG_MISSING = (
    "charity-pos 安装不完整：缺少中文界面的翻译文件 {resource}（查找位置：{where}）。请重新安装 charity-pos；"
    "英文界面（--lang en）不需要这个文件。",
    "charity-pos is not installed completely: the Chinese translation catalog {resource} is missing (looked "
    "for in {where}). Install charity-pos again; the English interface (--lang en) works without it.",
)
CATALOG_DAMAGED = (
    "charity-pos 安装不完整：中文界面的翻译文件 {resource} 已损坏（位置：{where}）。请重新安装 charity-pos；"
    "英文界面（--lang en）不需要这个文件。",
    "charity-pos is not installed completely: the Chinese translation catalog {resource} is damaged (in "
    "{where}). Install charity-pos again; the English interface (--lang en) works without it.",
)


def catalog_missing(facts: dict[str, object], *, damaged: bool = False) -> tuple[str, str]:
    """A translation catalog missing (or damaged), in Chinese and in English, without any catalog."""
    chinese, english = CATALOG_DAMAGED if damaged else CATALOG_MISSING
    where = {"resource": facts.get("resource", ""), "where": facts.get("where", "")}
    return chinese.format(**where), english.format(**where)


def in_both_languages(error: BaseException) -> tuple[str, str] | None:
    """What an error says in Chinese and in English, when it cannot be said through a catalog (the
    catalog itself is what is missing); None for every other error."""
    if isinstance(error, e.ResourceMissing) and error.facts.get("language"):
        facts = {key: one_line(value) if isinstance(value, str) else value for key, value in error.facts.items()}
        return catalog_missing(facts, damaged=isinstance(error, e.ResourceDamaged))
    return None


# --- upgrading an older store file (their own context, "StoreUpgrade") ---------------------
UCTX = "StoreUpgrade"
UPGRADE_REFUSED = QT_TRANSLATE_NOOP(
    "StoreUpgrade", "{path} is from an earlier version of charity-pos (schema {before}) and must be upgraded to "
                    "this version's schema ({after}), after a copy of it as it was is kept at {copy}. That copy could "
                    "not be made: {why} The store file was not upgraded and nothing in it was changed.")
UPGRADE_REFUSED_WHY = {
    "no_space": QT_TRANSLATE_NOOP(
        "StoreUpgrade", "the disk is full. Free some space on it (at least the size of the store file) and start "
                        "charity-pos again."),
    "permission": QT_TRANSLATE_NOOP(
        "StoreUpgrade", "this user may not write in that folder. Let the user running charity-pos write there, and "
                        "start it again."),
    "read_only": QT_TRANSLATE_NOOP(
        "StoreUpgrade", "the disk is read-only. Put the store file on a disk that can be written, and start "
                        "charity-pos again."),
    "check": QT_TRANSLATE_NOOP(
        "StoreUpgrade", "the copy, so the store file itself, did not pass its check ({kind}). Run “charity-pos "
                        "verify” on the file and call the district office before it is used again."),
    "check_not_run": QT_TRANSLATE_NOOP(
        "StoreUpgrade", "its check could not be run, as the temporary folder {folder} cannot be written ({detail}). "
                        "Make room there, or set TMPDIR to a folder with room, and start charity-pos again."),
    "other": QT_TRANSLATE_NOOP("StoreUpgrade", "{detail}."),
}
REVISION_UNKNOWN = QT_TRANSLATE_NOOP(
    "StoreUpgrade", "{path} does not say which version of charity-pos its schema is from (its version table is "
                    "{state}), so it cannot be upgraded: it was not opened and nothing in it was changed. Restore the "
                    "store from a backup (“charity-pos restore”).")
REVISION_STATES = {
    "": QT_TRANSLATE_NOOP("StoreUpgrade", "empty"),
    "several": QT_TRANSLATE_NOOP("StoreUpgrade", "holding several revisions"),
}


def _upgrade_refused(error: e.PosError, facts: dict[str, object], tr: Translate) -> str:
    t = lambda text: tr(UCTX, text)  # noqa: E731
    if isinstance(error, e.StoreRevisionUnknown):
        state = str(facts.get("revision", ""))
        return t(REVISION_UNKNOWN).format(path=facts.get("path", ""),
                                          state=t(REVISION_STATES[state]) if state in REVISION_STATES else state)
    reason = str(facts.get("reason"))
    why = t(UPGRADE_REFUSED_WHY.get(reason, UPGRADE_REFUSED_WHY["other"])).format(
        kind=facts.get("kind", ""), folder=facts.get("folder", ""), detail=facts.get("detail", "") or reason)
    return t(UPGRADE_REFUSED).format(path=facts.get("path", ""), before=facts.get("before", ""),
                                     after=facts.get("after", ""), copy=facts.get("copy", ""), why=why)
