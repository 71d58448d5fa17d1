"""The pole display (2 lines x 20 characters) as the bytes python-escpos
would send it: each state clears the display and writes both rows at their
places, in ASCII, amounts right-aligned and whole; a display that is missing
or stops answering is reported once, never raises into the sale, and is tried
again later."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from escpos.printer import Dummy

from charity_pos.devices.pole_display import (CLEAR, COLUMNS, INIT, RETRY_SECONDS, DisplayLine, PoleDisplay,
                                              PoleFailure, frame, lines_rows, paid_rows, pole_row, position)

RICE = DisplayLine("东北大米 5kg", 3, "袋", 3290, 9870)
SAUCE = DisplayLine("海天金标生抽 500ml", 6, "瓶", 1190, 7140)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def rows_of(output: bytes) -> list[list[str]]:
    """The rows each state shows, from the bytes: split at CLEAR, then at the cursor moves."""
    states = []
    for chunk in output.split(CLEAR)[1:]:
        assert chunk.startswith(position(1, 1)), chunk
        top, bottom = chunk[len(position(1, 1)):].split(position(1, 2))
        states.append([top.decode("ascii"), bottom.decode("ascii")])
    return states


@pytest.fixture
def dummy() -> Dummy:
    return Dummy()


@pytest.fixture
def pole(dummy: Dummy) -> PoleDisplay:
    return PoleDisplay(lambda: dummy, "COM3")


def test_the_three_states_as_escpos_bytes(pole: PoleDisplay, dummy: Dummy) -> None:
    pole.show_lines(16990, [SAUCE, RICE])
    pole.show_paid(20000, 3010)
    pole.show_idle()
    expected = (INIT
                + CLEAR + position(1, 1) + b"3 X 32.90      98.70" + position(1, 2) + b"TOTAL         169.90"
                + CLEAR + position(1, 1) + b"PAID          200.00" + position(1, 2) + b"CHANGE         30.10"
                + CLEAR + position(1, 1) + b"     THANK YOU      " + position(1, 2) + b"CHARITY SUPERMARKET ")
    assert dummy.output == expected
    assert dummy.output.count(INIT) == 1, "the display is initialised once, when opened"
    for state in rows_of(dummy.output):
        assert [len(row) for row in state] == [COLUMNS, COLUMNS]


def test_each_state_clears_first_and_the_same_state_is_not_sent_again(pole: PoleDisplay, dummy: Dummy) -> None:
    pole.show_lines(9870, [RICE])
    pole.show_lines(9870, [RICE])  # the ticket redrawn with nothing new
    pole.show_lines(16990, [RICE, SAUCE])
    assert rows_of(dummy.output) == [["3 X 32.90      98.70", "TOTAL          98.70"],
                                     ["6 X 11.90      71.40", "TOTAL         169.90"]]
    assert dummy.output.count(CLEAR) == 2


def test_an_empty_ticket_shows_its_total_only(pole: PoleDisplay, dummy: Dummy) -> None:
    pole.show_lines(0, [])
    assert rows_of(dummy.output) == [["TOTAL           0.00", " " * 20]]


def test_long_amounts_stay_whole_and_labels_give_way() -> None:
    assert pole_row(["TOTAL"], 123_456_789) == "TOTAL   1,234,567.89"
    # too long with separators: the amount is written without them before the label is shortened
    assert pole_row(["CHANGE", "CHG"], 99_999_999_999) == "CHANGE  999999999.99"
    # the biggest amount the app allows (below 10^12 fen) still fits whole
    assert pole_row(["CHANGE", "CHG"], 999_999_999_999) == "CHANGE 9999999999.99"
    assert lines_rows(999_999_999_999, [DisplayLine("x", 9999, "件", 99_999_999, 999_899_990_001)]) == (
        "9999 X 9998999900.01", "TOTAL  9999999999.99")  # the unit price gave way to the line's amount
    assert paid_rows(999_999_999_999, 999_999_999_999) == ("PAID   9999999999.99", "CHANGE 9999999999.99")
    assert pole_row(["A label far too long for the pole"], 1234) == "12.34".rjust(COLUMNS)


def test_negative_and_small_amounts() -> None:
    assert pole_row(["TOTAL"], 5) == "TOTAL           0.05"
    assert pole_row(["CHANGE"], -130) == "CHANGE         -1.30"


def test_only_ascii_reaches_the_pole(dummy: Dummy) -> None:
    pole = PoleDisplay(lambda: dummy, "COM3", idle=("谢谢 THANK YOU", "慈善超市"))
    pole.show_idle()
    pole.show_lines(9870, [RICE])  # the item's Chinese name is never sent
    dummy.output.decode("ascii")
    assert rows_of(dummy.output)[0] == ["    ?? THANK YOU    ", "        ????        "]
    assert "大米".encode("gb18030") not in dummy.output


def test_a_missing_port_is_reported_once_and_never_raises() -> None:
    told: list[PoleFailure] = []
    clock = Clock()
    attempts: list[int] = []

    def connect() -> Dummy:
        attempts.append(1)
        raise OSError(2, "could not open port COM9")

    pole = PoleDisplay(connect, "COM9", on_error=told.append, clock=clock)
    pole.show_lines(9870, [RICE])
    pole.show_paid(10000, 130)
    pole.show_idle()
    assert len(told) == 1 and told[0].port == "COM9" and "could not open port" in told[0].reason
    assert len(attempts) == 1, "not tried again at once: the counter does not wait on it"
    clock.now += RETRY_SECONDS + 1
    pole.show_lines(9870, [RICE])
    assert len(attempts) == 2 and len(told) == 1, "tried again later, told only once"


def test_a_display_that_comes_back_shows_the_current_state(dummy: Dummy) -> None:
    clock = Clock()
    plugged = {"in": False}

    def connect() -> Dummy:
        if not plugged["in"]:
            raise OSError("no such port")
        return dummy

    told: list[PoleFailure] = []
    pole = PoleDisplay(connect, "COM3", on_error=told.append, clock=clock)
    pole.show_idle()
    plugged["in"] = True
    clock.now += RETRY_SECONDS + 1
    pole.show_idle()
    assert rows_of(dummy.output) == [["     THANK YOU      ", "CHARITY SUPERMARKET "]]
    assert pole.failure is None and len(told) == 1


class Unplugged(Dummy):
    """A display whose cable is pulled after it was opened."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def _raw(self, msg: bytes) -> None:
        self.writes += 1
        if self.writes > 2:
            raise OSError(5, "Input/output error")
        super()._raw(msg)


def test_a_write_that_fails_mid_sale_is_reported_once() -> None:
    device = Unplugged()
    told: list[PoleFailure] = []
    pole = PoleDisplay(lambda: device, "/dev/ttyUSB0", on_error=told.append)
    pole.show_lines(9870, [RICE])  # INIT and the first state
    pole.show_lines(16990, [RICE, SAUCE])  # fails
    pole.show_paid(20000, 3010)  # skipped until the retry
    assert len(told) == 1 and "Input/output error" in told[0].reason
    assert rows_of(device.output) == [["3 X 32.90      98.70", "TOTAL          98.70"]]
    assert pole.device is None, "closed, to be opened again later"


def test_a_serial_port_that_does_not_exist(tmp_path: Path) -> None:
    told: list[PoleFailure] = []
    pole = PoleDisplay.on_serial(str(tmp_path / "ttyNONE"), 9600, on_error=told.append)
    pole.show_idle()  # no exception
    assert len(told) == 1 and str(tmp_path / "ttyNONE") in told[0].reason


def test_frame_is_clear_then_two_positioned_rows() -> None:
    assert frame("A" * 20, "B" * 20) == b"\x0c\x1f$\x01\x01" + b"A" * 20 + b"\x1f$\x01\x02" + b"B" * 20


def test_the_pole_display_needs_no_qt() -> None:
    code = ("import sys, charity_pos.devices.pole_display as p, charity_pos.config\n"
            "d = p.PoleDisplay(lambda: None, 'x'); p.lines_rows(1, [])\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
            "assert not bad, bad\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": ""})
    assert done.returncode == 0, done.stderr
