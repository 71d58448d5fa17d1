"""The printer's connection from the settings, checked field by field, and
what the cashier is told when the printer does not take a job: through the
real python-escpos transports (a network printer on this machine's loopback,
a serial port that does not exist), and a printer out of paper."""

from __future__ import annotations

import socket
import threading

import pytest
from escpos.printer import Dummy

from charity_pos import i18n
from charity_pos.config import Settings
from charity_pos.devices.receipt_printer import Connection, ReceiptPrinter, connection_from, open_device
from charity_pos.errors import InvalidInput, PrinterFailed


def escpos(**fields: object) -> Settings:
    return Settings(slip_output="escpos", **fields)  # type: ignore[arg-type]


def test_each_connection_from_good_settings() -> None:
    assert connection_from(escpos(escpos_host=" 192.168.1.87 ")) == Connection("network", 80, 2, host="192.168.1.87")
    assert connection_from(escpos(escpos_connection="usb", escpos_usb_vendor="0x0416", escpos_usb_product="5011",
                                  slip_width_mm=58, drawer_pin=5)) == Connection(
        "usb", 58, 5, usb_vendor=0x0416, usb_product=0x5011)
    assert connection_from(escpos(escpos_connection="serial", escpos_serial_port="COM3",
                                  escpos_serial_baud=19200)).describe() == "COM3 19200"
    assert connection_from(escpos(escpos_connection="win32", escpos_printer_name="XP-80C"), windows=True
                           ).describe() == "XP-80C"
    assert connection_from(escpos(escpos_host="printer.local")).host == "printer.local"


@pytest.mark.parametrize("fields, field, reason", [
    ({"escpos_host": ""}, "printer_host", "empty"),
    ({"escpos_host": "192.168.1.300"}, "printer_host", "host"),
    ({"escpos_host": "收银 打印机"}, "printer_host", "host"),
    ({"escpos_host": "10.0.0.5", "escpos_port": 0}, "printer_port", "port_number"),
    ({"escpos_host": "10.0.0.5", "escpos_port": 70000}, "printer_port", "port_number"),
    ({"escpos_connection": "usb", "escpos_usb_vendor": "", "escpos_usb_product": "5011"}, "usb_vendor", "empty"),
    ({"escpos_connection": "usb", "escpos_usb_vendor": "04G6", "escpos_usb_product": "5011"}, "usb_vendor", "usb_id"),
    ({"escpos_connection": "usb", "escpos_usb_vendor": "0416", "escpos_usb_product": "150110"}, "usb_product",
     "usb_id"),
    ({"escpos_connection": "serial", "escpos_serial_port": " "}, "serial_port", "empty"),
    ({"escpos_connection": "serial", "escpos_serial_port": "COM3", "escpos_serial_baud": 9601}, "serial_baud",
     "baud"),
    ({"escpos_connection": "win32", "escpos_printer_name": "XP-80C"}, "printer_connection", "windows_only"),
    ({"escpos_connection": "bluetooth"}, "printer_connection", "choice"),
    ({"escpos_host": "10.0.0.5", "drawer_pin": 3}, "drawer_pin", "drawer_pin"),
    ({"escpos_host": "10.0.0.5", "slip_width_mm": 76}, "slip_width", "paper_width"),
])
def test_bad_settings_are_refused_naming_the_field(fields: dict, field: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        connection_from(escpos(**fields), windows=False)
    assert (caught.value.facts["field"], caught.value.facts["reason"]) == (field, reason)
    assert i18n.describe(caught.value).strip(), "said in words"


def test_a_windows_queue_needs_its_name_on_windows() -> None:
    with pytest.raises(InvalidInput) as caught:
        connection_from(escpos(escpos_connection="win32", escpos_printer_name=""), windows=True)
    assert caught.value.facts["field"] == "printer_name"


class Listener:
    """A network receipt printer on this machine's loopback: takes one job."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(5)
        self.port = self.server.getsockname()[1]
        self.received = b""
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            conn, _addr = self.server.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(5)
            while chunk := conn.recv(65536):
                if chunk == b"\x10\x04\x04":  # the paper sensor: plenty of paper
                    conn.sendall(b"\x12")
                    continue
                self.received += chunk

    def close(self) -> None:
        self.thread.join(5)
        self.server.close()


def test_a_job_over_the_network_on_port_9100_s_protocol() -> None:
    listener = Listener()
    try:
        printer = ReceiptPrinter(Connection("network", 80, 2, host="127.0.0.1", port=listener.port))
        printer.send(b"\x1b@\x1c&" + "测试".encode("gb18030") + b"\n")
    finally:
        listener.close()
    assert listener.received == b"\x1b@\x1c&" + "测试".encode("gb18030") + b"\n"


def test_a_network_printer_that_is_off_is_said_and_nothing_raised_past_printer_failed() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed once the block ends: nothing listens there
    printer = ReceiptPrinter(Connection("network", 80, 2, host="127.0.0.1", port=port))
    with pytest.raises(PrinterFailed) as caught:
        printer.send(b"\x1b@")
    assert caught.value.facts["reason"] == "offline"
    assert caught.value.facts["target"] == f"127.0.0.1:{port}"
    with pytest.raises(PrinterFailed):
        printer.open_drawer()


def test_a_serial_port_that_does_not_exist_is_the_wrong_port() -> None:
    printer = ReceiptPrinter(Connection("serial", 58, 2, serial_port="/dev/ttyNOSUCHPORT", serial_baud=9600))
    with pytest.raises(PrinterFailed) as caught:
        printer.send(b"\x1b@")
    assert caught.value.facts["reason"] == "port"


def test_a_windows_queue_elsewhere_is_refused() -> None:
    with pytest.raises(PrinterFailed) as caught:
        open_device(Connection("win32", 80, 2, printer_name="XP-80C"))
    assert caught.value.facts["reason"] == "windows_only"


class OutOfPaper(Dummy):
    """A printer whose paper sensor says the roll is out."""

    def _read(self) -> bytes:
        return bytes([0x72])


def test_out_of_paper_nothing_is_sent_and_the_drawer_still_opens() -> None:
    dummy = OutOfPaper()
    printer = ReceiptPrinter(Connection("network", 80, 5, host="127.0.0.1"), opener=lambda _c: dummy)
    with pytest.raises(PrinterFailed) as caught:
        printer.send(b"\x1b@" + "小票".encode("gb18030"))
    assert caught.value.facts["reason"] == "no_paper"
    assert dummy.output == b"\x10\x04\x04", "only the question: no slip"
    dummy.clear()
    printer.open_drawer()
    assert dummy.output == b"\x1bp\x01\x32\x32"


def test_printer_failures_in_the_users_words(qapp) -> None:
    translators = i18n.load("zh_CN")
    for translator in translators:
        qapp.installTranslator(translator)
    try:
        said = {reason: i18n.describe(PrinterFailed(reason=reason, target="192.168.1.87:9100", detail="x\ny"))
                for reason in ("offline", "port", "no_paper", "driver", "windows_only", "other")}
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert "缺纸" in said["no_paper"] and "192.168.1.87:9100" in said["offline"]
    assert all("\n" not in text for text in said.values())
    assert len(set(said.values())) == 6


def test_a_usb_printer_that_is_not_there_is_said_not_raised() -> None:
    printer = ReceiptPrinter(Connection("usb", 80, 2, usb_vendor=0x0416, usb_product=0x5011))
    with pytest.raises(PrinterFailed) as caught:  # no such device here; on a PC without libusb, no backend
        printer.send(b"\x1b@")
    assert caught.value.facts["reason"] in ("offline", "driver")
    assert caught.value.facts["target"] == "USB 0416:5011"


def test_a_network_printer_that_does_not_answer_the_paper_question_prints_anyway_soon() -> None:
    import time

    server = socket.create_server(("127.0.0.1", 0))
    received = bytearray()

    def serve() -> None:  # takes the bytes, never answers
        conn, _addr = server.accept()
        with conn:
            conn.settimeout(5)
            while chunk := conn.recv(65536):
                received.extend(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        started = time.monotonic()
        ReceiptPrinter(Connection("network", 80, 2, host="127.0.0.1", port=server.getsockname()[1])).send(b"\x1b@ok")
        took = time.monotonic() - started
        thread.join(5)
    finally:
        server.close()
    assert bytes(received) == b"\x10\x04\x04\x1b@ok"
    assert took < 2, "half a second for the answer, not the connection's four"
