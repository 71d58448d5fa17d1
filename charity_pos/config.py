"""Settings and paths. One typed object with defaults, kept as JSON in the
user's configuration folder; the data (store files, logs) in the user's data
folder, as the platform defines them (on Windows, %LOCALAPPDATA%).

``CHARITY_POS_HOME`` puts everything under one folder instead (tests, demos).
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import uuid
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

from charity_pos.durable import write_text_in_place
from charity_pos.errors import InvalidInput

APP = "charity-pos"
LANGUAGES = ("zh_CN", "en")
SLIP_OUTPUTS = ("qt", "escpos")
CONNECTIONS = ("usb", "serial", "network", "win32")
log = logging.getLogger("charity_pos.config")
#: The customer display: none, a window on a second screen, or a pole display on a serial port.
DISPLAY_KINDS = ("none", "screen", "pole")
#: Baud rates a pole display is set to.
BAUD_RATES = (2400, 4800, 9600, 19200, 38400, 57600, 115200)


def _home() -> Path | None:
    home = os.environ.get("CHARITY_POS_HOME")
    return Path(home) if home else None


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else user_data_path(APP, appauthor=False)


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else user_config_path(APP, appauthor=False)


def log_dir() -> Path:
    home = _home()
    return home / "logs" if home else user_log_path(APP, appauthor=False)


def default_store_path() -> Path:
    return data_dir() / "store.sqlite3"


def store_key_file(store_id: uuid.UUID) -> Path:
    """A store's key file (``security.keys``): in the settings folder, never beside the database."""
    return config_dir() / "keys" / f"{store_id}.key"


def hub_key_file(hub_id: uuid.UUID) -> Path:
    """The district hub's key file (``hub.service``)."""
    return config_dir() / "hub-keys" / f"{hub_id}.key"


def default_backup_folder() -> Path:
    return data_dir() / "backups"


#: the most backups of one kind (daily, weekly, monthly) rotation may be told to keep
MAX_KEEP = 1000


@dataclass
class Settings:
    language: str = "zh_CN"
    store_path: str = ""
    font_point_size: int = 13
    #: this PC's till: one open shift per till
    till: str = "1"
    #: the receipt printer for sales slips (a Qt printer name; "" = ask each time)
    slip_printer: str = ""
    #: slip paper width in mm: 80 or 58
    slip_width_mm: int = 80
    #: print the slip by itself when a sale is paid
    auto_print_slip: bool = False
    #: the customer display: "none", "screen" (a window on a second screen) or "pole" (serial)
    customer_display: str = "none"
    #: the second screen's name (as Qt names screens) for the customer's window
    display_screen: str = ""
    #: the pole display's serial port (COM3, /dev/ttyUSB0) and its baud rate
    pole_port: str = ""
    pole_baud: int = 9600
    #: how slips and shift reports print: "qt" (a Qt printer or a PDF, above) or "escpos" (straight to a
    #: receipt printer in its own language, below; it also opens the cash drawer)
    slip_output: str = "qt"
    #: the ESC/POS printer's connection: "usb", "serial", "network" or "win32" (a Windows print queue, raw)
    escpos_connection: str = "network"
    escpos_usb_vendor: str = ""  # hexadecimal, e.g. "0416"
    escpos_usb_product: str = ""
    escpos_serial_port: str = ""  # e.g. "COM3" or "/dev/ttyUSB0"
    escpos_serial_baud: int = 9600
    escpos_host: str = ""
    escpos_port: int = 9100
    escpos_printer_name: str = ""  # the Windows printer's name
    #: a cash drawer is plugged into the ESC/POS printer, on pin 2 or 5 of its drawer port
    cash_drawer: bool = True
    drawer_pin: int = 2
    #: where the store's backups go (a USB disk, a network folder); "" = the backups folder in the data folder
    backup_folder: str = ""
    #: how many backups rotation keeps: the last of each day, ISO week and month (grandfather-father-son)
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_keep_monthly: int = 12

    @property
    def store(self) -> Path:
        return Path(self.store_path) if self.store_path else default_store_path()

    @property
    def backups(self) -> Path:
        """The backup folder: the one a manager chose, else ``backups`` in the data folder."""
        return Path(self.backup_folder) if self.backup_folder else default_backup_folder()

    @classmethod
    def load(cls) -> Settings:
        from charity_pos.durable import read_json_object

        path = config_dir() / "settings.json"
        try:
            raw = read_json_object(path)
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError):
            log.warning("settings file unreadable; using defaults")
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if settings.language not in LANGUAGES:
            settings.language = "zh_CN"
        if not isinstance(settings.font_point_size, int) or not 9 <= settings.font_point_size <= 24:
            settings.font_point_size = 13
        if settings.slip_width_mm not in (58, 80):
            settings.slip_width_mm = 80
        if not isinstance(settings.till, str) or not settings.till.strip() or len(settings.till) > 16:
            settings.till = "1"
        settings.auto_print_slip = bool(settings.auto_print_slip)
        try:
            check_customer_display(settings.customer_display, settings.display_screen, settings.pole_port,
                                   settings.pole_baud)
        except InvalidInput as exc:
            log.warning("customer display settings refused (%s); no customer display", exc.facts.get("field"))
            settings.customer_display, settings.display_screen = "none", ""
            settings.pole_port, settings.pole_baud = "", 9600
        settings._repair_printer()
        return settings

    def _repair_printer(self) -> None:
        """Wrong types or values from an edited file fall back to the defaults
        (a file from before these settings simply has none of them)."""
        defaults = Settings()
        for name in ("escpos_usb_vendor", "escpos_usb_product", "escpos_serial_port", "escpos_host",
                     "escpos_printer_name"):
            if not isinstance(getattr(self, name), str):
                setattr(self, name, getattr(defaults, name))
        for name in ("escpos_serial_baud", "escpos_port", "drawer_pin"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool):
                setattr(self, name, getattr(defaults, name))
        if self.slip_output not in SLIP_OUTPUTS:
            self.slip_output = defaults.slip_output
        if self.escpos_connection not in CONNECTIONS:
            self.escpos_connection = defaults.escpos_connection
        if self.drawer_pin not in (2, 5):
            self.drawer_pin = defaults.drawer_pin
        self.cash_drawer = bool(self.cash_drawer)
        if not isinstance(self.backup_folder, str):
            self.backup_folder = defaults.backup_folder
        for name in ("backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_KEEP:
                setattr(self, name, getattr(defaults, name))

    def save(self) -> None:
        folder = config_dir()
        folder.mkdir(parents=True, exist_ok=True)
        write_text_in_place(folder / "settings.json", json.dumps(asdict(self), ensure_ascii=False, indent=2))


def check_customer_display(kind: object, screen: object, port: object, baud: object) -> None:
    """The customer display's settings, or InvalidInput (field: customer_display,
    display_screen, pole_port or pole_baud). A second screen needs its name;
    a pole display a serial port (COM3, /dev/ttyUSB0) and a standard baud rate."""
    if kind not in DISPLAY_KINDS:
        raise InvalidInput(field="customer_display", value=kind, reason="unknown")
    if not isinstance(screen, str) or len(screen) > 200:
        raise InvalidInput(field="display_screen", value=screen, reason="too_long")
    if not isinstance(port, str):
        raise InvalidInput(field="pole_port", value=port, reason="unknown")
    if isinstance(baud, bool) or not isinstance(baud, int):
        raise InvalidInput(field="pole_baud", value=baud, reason="not_a_number")
    if kind == "screen" and not screen.strip():
        raise InvalidInput(field="display_screen", value=screen, reason="empty")
    if kind == "pole":
        if not port.strip():
            raise InvalidInput(field="pole_port", value=port, reason="empty")
        if len(port) > 64:
            raise InvalidInput(field="pole_port", value=port, reason="too_long")
        if any(c.isspace() or not c.isprintable() for c in port):
            raise InvalidInput(field="pole_port", value=port, reason="unknown")
        if baud not in BAUD_RATES:
            raise InvalidInput(field="pole_baud", value=baud, reason="unknown")


def setup_logging(level: int = logging.INFO) -> Path:
    """A rotating log file in the user's log folder. Logs carry no personal data."""
    folder = log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "charity-pos.log"
    root = logging.getLogger("charity_pos")
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(level)
    return path
