"""What the customer sees at the counter, and the pole display that shows it
on a serial port.

A customer display (this pole, or a window on a second screen) is told three
things by the counter: the lines and the total as they are scanned, what was
paid and the change once a sale is paid, and, between sales, nothing but a
thank-you. It is never told who the customer is: no household, no donor, no
quota, no cashier's action.

The pole display (a VFD of 2 lines x 20 characters) speaks ESC/POS through
python-escpos's ``Serial`` printer: each state clears the display, then
writes both lines at their positions, in ASCII (pole displays with Chinese
characters are rare), amounts right-aligned and always whole. A display
that is missing or stops answering never holds up a sale: the failure is
logged, reported once (``on_error``) and the display tried again a while
later.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

log = logging.getLogger("charity_pos.devices")

COLUMNS = 20
#: ESC @: initialise the display, once when it is opened.
INIT = b"\x1b@"
#: CLR: clear the display, cursor home.
CLEAR = b"\x0c"
#: After a failure, try the display again after this many seconds.
RETRY_SECONDS = 30.0
#: A serial write never waits longer than this (a display switched off).
WRITE_TIMEOUT = 0.5


@dataclass(frozen=True)
class DisplayLine:
    """One line of the ticket as the customer may see it."""

    name: str
    quantity: int
    unit: str
    unit_price_fen: int
    amount_fen: int


class CustomerDisplay(Protocol):
    """What the counter tells a customer display."""

    def show_lines(self, total_fen: int, lines: Sequence[DisplayLine]) -> None: ...

    def show_paid(self, paid_fen: int, change_fen: int) -> None: ...

    def show_idle(self) -> None: ...


@dataclass(frozen=True)
class PoleFailure:
    """The pole display could not be written to: where, and why (for the log)."""

    port: str
    reason: str


# --- the text on the pole ---------------------------------------------------------
def _amounts(fen: int) -> list[str]:
    """An amount in ASCII, best first: with thousands separators, then without."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(int(fen)), 100)
    return [f"{sign}{yuan:,}.{cents:02d}", f"{sign}{yuan}.{cents:02d}"]


def ascii_only(text: str) -> str:
    return "".join(c if " " <= c <= "~" else "?" for c in text)


def pole_row(labels: Sequence[str], fen: int | None = None) -> str:
    """One row of exactly ``COLUMNS`` characters: the first label that fits
    on the left (thousands separators dropped before a label is shortened),
    the amount on the right, whole. A label that does not fit in any form
    gives way to the amount."""
    if fen is None:
        return ascii_only(labels[0])[:COLUMNS].center(COLUMNS)
    for label in (*labels, ""):
        label = ascii_only(label)
        for amount in _amounts(fen):
            if len(label) + (1 if label else 0) + len(amount) <= COLUMNS:
                return label + amount.rjust(COLUMNS - len(label))
    return _amounts(fen)[-1][-COLUMNS:]  # never: amounts stay below 10^12 fen, 13 characters


def lines_rows(total_fen: int, lines: Sequence[DisplayLine]) -> tuple[str, str]:
    """The newest line (quantity x unit price, its amount) and the total."""
    if not lines:
        return pole_row(["TOTAL"], total_fen), " " * COLUMNS
    newest = lines[-1]
    unit_price = _amounts(newest.unit_price_fen)[-1]
    top = pole_row([f"{newest.quantity} X {unit_price}", f"{newest.quantity} X", ""], newest.amount_fen)
    return top, pole_row(["TOTAL", "TTL"], total_fen)


def paid_rows(paid_fen: int, change_fen: int) -> tuple[str, str]:
    return pole_row(["PAID"], paid_fen), pole_row(["CHANGE", "CHG"], change_fen)


def position(column: int, row: int) -> bytes:
    """US $ n m: the cursor to a column (1-20) of a row (1-2)."""
    return b"\x1f$" + bytes((column, row))


def frame(top: str, bottom: str) -> bytes:
    """The bytes that show two rows: clear, then each row at its place."""
    return (CLEAR + position(1, 1) + top.encode("ascii") + position(1, 2) + bottom.encode("ascii"))


# --- the device -------------------------------------------------------------------
def _errors() -> tuple[type[BaseException], ...]:
    from escpos.exceptions import Error as EscposError

    return (OSError, EscposError, AssertionError, ValueError)


def open_serial(port: str, baud: int) -> Any:
    """python-escpos's serial printer on ``port``, opened: raises when the port is missing."""
    from escpos.printer import Serial

    device = Serial(devfile=port, baudrate=baud, timeout=1, dsrdtr=False)
    device.open()
    if device.device is not None:
        device.device.write_timeout = WRITE_TIMEOUT
    return device


class PoleDisplay:
    """A 2 x 20 pole display behind ``connect`` (which returns an opened
    python-escpos printer: ``Serial``, or ``Dummy`` in tests)."""

    def __init__(self, connect: Callable[[], Any], port: str, *,
                 on_error: Callable[[PoleFailure], None] | None = None,
                 idle: tuple[str, str] = ("THANK YOU", "CHARITY SUPERMARKET"),
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.connect = connect
        self.port = port
        self.on_error = on_error
        self.idle = idle
        self.clock = clock
        self.device: Any = None
        self.failure: PoleFailure | None = None
        self._failed_at: float | None = None
        self._reported = False
        self._shown: tuple[str, str] | None = None

    @classmethod
    def on_serial(cls, port: str, baud: int, **kwargs: Any) -> PoleDisplay:
        return cls(lambda: open_serial(port, baud), port, **kwargs)

    # --- the three states -----------------------------------------------------
    def show_lines(self, total_fen: int, lines: Sequence[DisplayLine]) -> None:
        self._show(*lines_rows(total_fen, lines))

    def show_paid(self, paid_fen: int, change_fen: int) -> None:
        self._show(*paid_rows(paid_fen, change_fen))

    def show_idle(self) -> None:
        self._show(pole_row([self.idle[0]]), pole_row([self.idle[1]]))

    # --- writing ----------------------------------------------------------------
    def _show(self, top: str, bottom: str) -> None:
        if (top, bottom) == self._shown:
            return
        if self._failed_at is not None and self.clock() - self._failed_at < RETRY_SECONDS:
            return  # the sale goes on; the display is tried again later
        try:
            if self.device is None:
                self.device = self.connect()
                self.device._raw(INIT)  # python-escpos has no public raw write
            self.device._raw(frame(top, bottom))
        except _errors() as exc:
            self._fail(exc)
            return
        if self._failed_at is not None:
            log.info("pole display on %s answers again", self.port)
        self._failed_at, self.failure = None, None
        self._shown = (top, bottom)

    def _fail(self, exc: BaseException) -> None:
        self.close()
        self._failed_at = self.clock()
        self._shown = None
        self.failure = PoleFailure(self.port, f"{type(exc).__name__}: {exc}".strip())
        log.warning("pole display on %s not written: %s", self.port, self.failure.reason)
        if not self._reported and self.on_error is not None:
            self._reported = True
            self.on_error(self.failure)

    def close(self) -> None:
        device, self.device = self.device, None
        if device is not None:
            try:
                device.close()
            except _errors():
                log.debug("pole display on %s: closing failed", self.port)
