"""Training mode (培训模式): a copy of the store, known as training by the
file itself, that nothing reaches the live store from."""

from __future__ import annotations

import hashlib
import io
import sqlite3
import uuid
from datetime import date
from pathlib import Path

import pytest

from charity_pos.errors import PermissionDenied, ReceiptQrTraining, StoreInUse, TrainingStore
from charity_pos.ledger.verify import verify
from charity_pos.printing.receipt import render_receipt
from charity_pos.printing.shift_report import render_shift_report
from charity_pos.printing.slip import render_slip
from charity_pos.security import receipt_sig
from charity_pos.security.keys import key_path, seal_key_for
from charity_pos.services import slips, training
from charity_pos.services.base import Actor, Role
from charity_pos.services.catalog import Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.demo.builder import build_demo
from charity_pos.demo.counter import drawer
from charity_pos.sync.downstream import apply_downstream
from charity_pos.sync.store_side import StoreSync
from charity_pos.printing.handout import render_handout_slip
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft
from tests.services.test_handouts import CARD, ID_NUMBER, household_draft
from tests.helpers import pdf_text

TILL = "1号收银台"


def fingerprint(path: Path) -> dict[str, str]:
    """The live store's bytes: the file and its write-ahead log."""
    out = {}
    for p in (path, path.with_name(path.name + "-wal")):
        out[p.name] = hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else "-"
    return out


@pytest.fixture
def live(services: Services, manager: Actor, cashier: Actor, make_item) -> Services:
    rice = make_item("东北大米 5kg", barcode="6901234567892", price=3290)
    services.stock.receive(manager, {rice.id: 20})
    services.households.register(manager, household_draft(id_number=ID_NUMBER))
    services.db.checkpoint()
    return services


@pytest.fixture
def copy(live: Services, manager: Actor) -> Services:
    made = training.start(live.ctx, manager)
    sv = Services.open(made.path, live.ctx.clock)
    yield sv
    sv.close()


def test_a_copy_of_the_live_store_is_training_and_verifies(live: Services, manager: Actor, copy: Services) -> None:
    assert copy.db.path.name == "store.training.db"
    assert copy.store().training and not live.store().training
    assert copy.store().code == live.store().code and copy.store().id != live.store().id
    assert [i.name for i in copy.catalog.search()] == ["东北大米 5kg"]
    with copy.db.engine.connect() as conn:
        assert training.training_marks(conn) == ["header", "journal", "key_file"]
        key, _path, sealed = seal_key_for(conn)
        report = verify(conn, key, key_says_sealed=sealed)
    assert report.ok and report.authenticated
    # trainees log in with their own PIN, as in the live store
    assert copy.accounts.login("cashier", "1111").role == Role.CASHIER


def test_a_whole_training_session_leaves_the_live_file_byte_for_byte(live: Services, manager: Actor,
                                                                      cashier: Actor) -> None:
    live.db.checkpoint()
    before = fingerprint(live.db.path)
    made = training.start(live.ctx, manager)
    sv = Services.open(made.path, live.ctx.clock)  # the live store's day: its household's card still valid
    try:
        rice = sv.catalog.search()[0]
        opened = sv.shifts.open(cashier, TILL, 10000)
        sale = sv.sales.complete(cashier, SaleDraft(uuid.uuid4(), TILL, (LineDraft(rice.id, 2),),
                                                    (PaymentDraft("cash", 10000),), 0, None))
        slip = io.BytesIO()
        render_slip(slips.sale_slip(sv.ctx, sv.sales.sale(sale.number)), slip)
        donation = sv.intake.receive(cashier, IntakeDraft(None, (
            IntakeLine(rice.id, 3, Condition.NEW, Valuation.MARKET, 3000, date(2027, 6, 1)),))).number
        receipt = io.BytesIO()
        result = sv.receipts.print_receipt(manager, donation, render=lambda doc: render_receipt(doc, receipt))
        card = sv.handouts.card(CARD)  # the household registered in the live store, its ID readable in the copy
        given = sv.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), card.household_id,
                                                           (HandoutLineDraft(rice.id, 1, None),), None))
        assert sv.households.reveal_id(manager, card.household_id) == ID_NUMBER
        handout_slip = io.BytesIO()
        sv.handouts.print_slip(cashier, given.number, render=lambda doc: render_handout_slip(doc, handout_slip))
        expected = sv.shifts.expected(TILL).expected_fen["cash"]
        sv.shifts.close(cashier, TILL, drawer(expected))
        report = io.BytesIO()
        render_shift_report(sv.shifts.report_doc(opened.number), report)
    finally:
        sv.close()
    assert fingerprint(live.db.path) == before
    assert live.sales.sales() == []
    # what was printed in training says so, and its QR code is no receipt
    assert "培训 · 非正式票据" in pdf_text(slip.getvalue())
    assert "培训 · 非正式票据" in pdf_text(receipt.getvalue())
    assert "培训 · 非正式票据" in pdf_text(report.getvalue())
    assert "培训 · 非正式票据" in pdf_text(handout_slip.getvalue())
    assert result.document.training and result.document.qr_payload.startswith("CPOS-T2:")
    with pytest.raises(ReceiptQrTraining):
        receipt_sig.parse(result.document.qr_payload)


def test_the_live_store_prints_no_training_mark(live: Services, manager: Actor, cashier: Actor) -> None:
    rice = live.catalog.search()[0]
    live.shifts.open(cashier, TILL, 0)
    sale = live.sales.complete(cashier, SaleDraft(uuid.uuid4(), TILL, (LineDraft(rice.id, 1),),
                                                  (PaymentDraft("cash", 3290),), 0, None))
    slip = io.BytesIO()
    render_slip(slips.sale_slip(live.ctx, live.sales.sale(sale.number)), slip)
    assert "培训" not in pdf_text(slip.getvalue())


def test_a_training_store_sends_and_receives_no_bundle(copy: Services, tmp_path: Path) -> None:
    sync = StoreSync(copy.ctx)
    for attempt in (lambda: sync.export(tmp_path), lambda: sync.registration(),
                    lambda: sync.trust_hub(tmp_path / "trust.json"),
                    lambda: apply_downstream(copy.ctx, tmp_path / "bundle.zip")):
        with pytest.raises(TrainingStore):
            attempt()
    assert list(tmp_path.glob("*.cpb*")) == [] and not any(p.suffix == ".zip" for p in tmp_path.iterdir())


def test_a_renamed_training_file_is_still_training(copy: Services, tmp_path: Path) -> None:
    path = copy.db.path
    copy.close()
    renamed = tmp_path / "store.sqlite3"
    path.rename(renamed)
    with _opened(renamed) as sv:
        assert sv.store().training
        with pytest.raises(TrainingStore):
            StoreSync(sv.ctx).export(tmp_path)


def test_a_cleared_header_is_still_refused_by_the_journal_and_key_file(copy: Services, tmp_path: Path) -> None:
    path = copy.db.path
    copy.close()
    with sqlite3.connect(path) as conn:  # someone clears the header mark
        conn.execute("PRAGMA application_id = 0")
    with _opened(path) as sv:
        with sv.db.engine.connect() as conn:
            assert training.training_marks(conn) == ["journal", "key_file"]
        with pytest.raises(TrainingStore):
            StoreSync(sv.ctx).export(tmp_path)


class _opened:
    def __init__(self, path: Path) -> None:
        self.sv = Services.open(path)

    def __enter__(self) -> Services:
        return self.sv

    def __exit__(self, *exc: object) -> None:
        self.sv.close()


def test_reset_gives_a_fresh_copy(live: Services, manager: Actor, cashier: Actor) -> None:
    made = training.start(live.ctx, manager)
    with _opened(made.path) as sv:
        rice = sv.catalog.search()[0]
        sv.stock.receive(manager, {rice.id: 5})
        old_id = sv.store().id
        assert sv.catalog.get(rice.id).on_hand == 25
    assert training.start(live.ctx, manager).fresh is False  # continued, not remade
    again = training.reset(live.ctx, manager)
    assert again.fresh
    with _opened(again.path) as sv:
        assert sv.catalog.search()[0].on_hand == 20
        assert sv.store().id != old_id
    assert not key_path(old_id).exists(), "the old copy's own key file goes with it"
    assert key_path(live.store().id).exists(), "never the live store's"


def test_reset_is_refused_while_the_copy_is_open(live: Services, manager: Actor, copy: Services) -> None:
    with pytest.raises(StoreInUse):
        training.reset(live.ctx, manager)
    assert copy.store().training


def test_a_cashier_can_neither_start_nor_reset_training(live: Services, cashier: Actor) -> None:
    for attempt in (lambda: training.start(live.ctx, cashier), lambda: training.reset(live.ctx, cashier),
                    lambda: training.start(live.ctx, cashier, fresh=True)):
        with pytest.raises(PermissionDenied):
            attempt()
    assert not training.training_path(live.db.path).exists()


def test_a_cashier_claiming_to_be_a_manager_is_refused(live: Services, cashier: Actor) -> None:
    with pytest.raises(Exception) as refused:
        training.start(live.ctx, Actor(cashier.user_id, cashier.username, Role.MANAGER))
    assert type(refused.value).__name__ == "RoleChanged"
    assert not training.training_path(live.db.path).exists()


def test_a_training_store_is_not_copied_for_training_again(copy: Services) -> None:
    manager = copy.accounts.login("manager", "9999")
    with pytest.raises(TrainingStore):
        training.start(copy.ctx, manager)


def test_a_training_receipts_qr_never_verifies_as_a_receipt() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    real = receipt_sig.qr_text(key, "PT01", "PT01-2026-J000001", date(2026, 3, 10), 20000)
    fake = receipt_sig.qr_text(key, "PT01", "PT01-2026-J000001", date(2026, 3, 10), 20000, training=True)
    with pytest.raises(ReceiptQrTraining):
        receipt_sig.parse(fake)
    # the same signature under the receipt's prefix does not hold either: signed under another label
    claim = receipt_sig.parse(fake.replace("CPOS-T2", "CPOS-R2", 1))
    public = __import__("base64").b64encode(key.public_key().public_bytes_raw()).decode()
    assert not receipt_sig.signature_valid(claim, public)
    assert receipt_sig.signature_valid(receipt_sig.parse(real), public)


def test_a_copy_from_the_demo_is_training(live: Services, manager: Actor, monkeypatch) -> None:
    monkeypatch.setattr(training, "DEMO_DAYS", 1)
    made = training.start(live.ctx, manager, training.Source.DEMO, demo=build_demo)
    with _opened(made.path) as sv:
        assert sv.store().training and sv.store().code == "JA01"
        assert sv.accounts.login("cashier", "1111").role == Role.CASHIER


def test_a_copy_from_the_demo_needs_the_demo_builder(live: Services, manager: Actor) -> None:
    """The services do not import the demo (it is made through them): the caller hands its builder in."""
    with pytest.raises(ValueError, match="demo's builder"):
        training.start(live.ctx, manager, training.Source.DEMO)
    assert not training.training_path(live.db.path).exists()
