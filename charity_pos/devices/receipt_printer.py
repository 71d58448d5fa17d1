"""The ESC/POS receipt printer of this till, and the cash drawer behind it.

``Connection`` is what the settings say, checked field by field
(``connection_from`` raises ``InvalidInput`` with the field's name); a
``ReceiptPrinter`` opens it with python-escpos for each job (USB by vendor
and product ID, a serial port, the network on port 9100, or on Windows the
printer's raw queue), sends the bytes and closes it. Whatever goes wrong
(the printer is off, the port is wrong, it is out of paper, a library is
missing) comes back as ``PrinterFailed`` with the reason, so the screens say
it in the user's words and go on: what was recorded is never touched.

Before a job, a printer that can answer is asked for its paper sensor
(``DLE EOT 4``): with no paper the job is not sent. One that does not answer
in time is printed to all the same.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from charity_pos.config import Settings
from charity_pos.devices.escpos_layout import drawer_pulse
from charity_pos.devices.escpos_text import COLUMNS
from charity_pos.errors import InvalidInput, PrinterFailed

log = logging.getLogger("charity_pos.devices")

BAUD_RATES = (9600, 19200, 38400, 57600, 115200)
#: Seconds to wait for a network printer to answer or take a job.
NETWORK_TIMEOUT = 4.0
SERIAL_TIMEOUT = 2.0
#: Seconds a printer has to answer the paper sensor's question before the job goes anyway.
STATUS_TIMEOUT = 0.5
_HOST = re.compile(r"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")
_USB_ID = re.compile(r"^(?:0x)?([0-9a-f]{1,4})$", re.IGNORECASE)


@dataclass(frozen=True)
class Connection:
    kind: str  # usb, serial, network, win32
    width_mm: int
    drawer_pin: int
    usb_vendor: int = 0
    usb_product: int = 0
    serial_port: str = ""
    serial_baud: int = 9600
    host: str = ""
    port: int = 9100
    printer_name: str = ""

    def describe(self) -> str:
        """The printer as a person would name it (in messages)."""
        if self.kind == "usb":
            return f"USB {self.usb_vendor:04x}:{self.usb_product:04x}"
        if self.kind == "serial":
            return f"{self.serial_port} {self.serial_baud}"
        if self.kind == "network":
            return f"{self.host}:{self.port}"
        return self.printer_name

    @property
    def columns(self) -> int:
        return COLUMNS[self.width_mm]


def _usb_id(field: str, text: str) -> int:
    match = _USB_ID.match(text.strip())
    if not match:
        raise InvalidInput(field=field, value=text, reason="usb_id" if text.strip() else "empty")
    return int(match.group(1), 16)


def _port(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 65535:
        raise InvalidInput(field="printer_port", value=value, reason="port_number")
    return value


def _host(text: str) -> str:
    host = text.strip()
    if not host:
        raise InvalidInput(field="printer_host", value=text, reason="empty")
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    if re.fullmatch(r"[0-9.]+", host) or not _HOST.match(host):  # 192.168.1.300 is no address, nor a name
        raise InvalidInput(field="printer_host", value=text, reason="host")
    return host


def connection_from(settings: Settings, *, windows: bool | None = None) -> Connection:
    """The ESC/POS connection the settings describe; raises ``InvalidInput``
    naming the first field that is wrong."""
    windows = sys.platform == "win32" if windows is None else windows
    if settings.slip_width_mm not in COLUMNS:
        raise InvalidInput(field="slip_width", value=settings.slip_width_mm, reason="paper_width")
    if settings.drawer_pin not in (2, 5):
        raise InvalidInput(field="drawer_pin", value=settings.drawer_pin, reason="drawer_pin")
    kind = settings.escpos_connection
    base: dict[str, Any] = {"width_mm": settings.slip_width_mm, "drawer_pin": settings.drawer_pin}
    if kind == "usb":
        return Connection("usb", usb_vendor=_usb_id("usb_vendor", settings.escpos_usb_vendor),
                          usb_product=_usb_id("usb_product", settings.escpos_usb_product), **base)
    if kind == "serial":
        port = settings.escpos_serial_port.strip()
        if not port:
            raise InvalidInput(field="serial_port", value="", reason="empty")
        if any(ch.isspace() for ch in port):
            raise InvalidInput(field="serial_port", value=port, reason="unknown")
        if settings.escpos_serial_baud not in BAUD_RATES:
            raise InvalidInput(field="serial_baud", value=settings.escpos_serial_baud, reason="baud")
        return Connection("serial", serial_port=port, serial_baud=settings.escpos_serial_baud, **base)
    if kind == "network":
        return Connection("network", host=_host(settings.escpos_host), port=_port(settings.escpos_port), **base)
    if kind == "win32":
        if not windows:
            raise InvalidInput(field="printer_connection", value=kind, reason="windows_only")
        name = settings.escpos_printer_name.strip()
        if not name:
            raise InvalidInput(field="printer_name", value="", reason="empty")
        return Connection("win32", printer_name=name, **base)
    raise InvalidInput(field="printer_connection", value=kind, reason="choice")


# --- talking to the printer ------------------------------------------------------
def open_device(connection: Connection) -> Any:
    """A python-escpos printer for the connection, opened."""
    from escpos import printer

    if connection.kind == "usb":
        device: Any = printer.Usb(connection.usb_vendor, connection.usb_product, timeout=0)
    elif connection.kind == "serial":
        device = printer.Serial(connection.serial_port, baudrate=connection.serial_baud, timeout=SERIAL_TIMEOUT)
    elif connection.kind == "network":
        device = printer.Network(connection.host, port=connection.port, timeout=NETWORK_TIMEOUT)
    elif connection.kind == "win32":
        if sys.platform != "win32":
            raise PrinterFailed(reason="windows_only", target=connection.describe(), detail="")
        from escpos.printer import Win32Raw  # pywin32: only on Windows

        device = Win32Raw(connection.printer_name)
    else:
        raise ValueError(connection.kind)
    device.open()
    return device


def _failure(connection: Connection, exc: BaseException) -> PrinterFailed:
    """What went wrong, as a reason a person can act on."""
    from escpos import exceptions

    name = type(exc).__name__
    if isinstance(exc, PrinterFailed):
        return exc
    if isinstance(exc, RuntimeError) and "requires" in str(exc):  # python-escpos: a library is missing
        reason = "driver"
    elif name == "NoBackendError":  # pyusb without libusb
        reason = "driver"
    elif isinstance(exc, (exceptions.DeviceNotFoundError, exceptions.USBNotFoundError)):
        reason = "port" if connection.kind == "serial" else "offline"
    elif isinstance(exc, (OSError, TimeoutError)) or name in ("USBError", "USBTimeoutError", "SerialException",
                                                              "SerialTimeoutException"):
        reason = "offline"
    else:
        reason = "other"
    return PrinterFailed(reason=reason, target=connection.describe(), detail=str(exc).splitlines()[0][:200]
                         if str(exc) else name)


def _wait(link: Any, seconds: float | None = None) -> float | None:
    """A socket's or serial port's read timeout; with ``seconds``, set it."""
    try:
        if hasattr(link, "settimeout"):  # a socket
            if seconds is not None:
                link.settimeout(seconds)
            return link.gettimeout()
        if link is not None and hasattr(link, "timeout"):  # a pyserial port
            if seconds is not None:
                link.timeout = seconds
            return link.timeout
    except (OSError, ValueError, AttributeError):
        pass
    return None


class ReceiptPrinter:
    """This till's ESC/POS printer. ``opener`` opens the device (tests give
    one that returns python-escpos's ``Dummy``)."""

    def __init__(self, connection: Connection,
                 opener: Callable[[Connection], Any] = open_device) -> None:
        self.connection = connection
        self.opener = opener

    @classmethod
    def from_settings(cls, settings: Settings, opener: Callable[[Connection], Any] = open_device) -> ReceiptPrinter:
        return cls(connection_from(settings), opener)

    def send(self, job: bytes, *, check_paper: bool = True) -> None:
        """Send one job; raises ``PrinterFailed``, having sent nothing when
        the printer could not be opened or says it has no paper."""
        device = None
        try:
            device = self.opener(self.connection)
            if check_paper and self._no_paper(device):
                raise PrinterFailed(reason="no_paper", target=self.connection.describe(), detail="")
            device._raw(job)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a reason the user can act on
            failure = _failure(self.connection, exc)
            log.warning("receipt printer %s: %s (%s)", self.connection.kind, failure.facts.get("reason"),
                        type(exc).__name__)
            raise failure from exc
        finally:
            if device is not None:
                try:
                    device.close()
                except Exception:  # noqa: BLE001 - closing a broken connection
                    log.debug("closing the receipt printer failed", exc_info=True)

    @staticmethod
    def _no_paper(device: Any) -> bool:
        """The paper sensor, where the printer answers; False when it cannot say
        (a connection python-escpos cannot read from is not asked)."""
        from escpos.escpos import Escpos

        if getattr(type(device), "_read", Escpos._read) is Escpos._read:
            return False
        link = getattr(device, "device", None)  # the socket or the serial port: wait briefly for the answer
        before = _wait(link)
        try:
            _wait(link, STATUS_TIMEOUT)
            return device.paper_status() == 0
        except Exception:  # noqa: BLE001 - a printer that does not answer status queries still prints
            log.debug("paper status unknown", exc_info=True)
            return False
        finally:
            _wait(link, before)

    def open_drawer(self) -> None:
        """The pulse on the drawer's pin. It needs no paper."""
        self.send(drawer_pulse(self.connection.drawer_pin), check_paper=False)

