"""An ESC/POS job read back as text: what the paper will show, to look at
and to compare. The commands that ``escpos_job`` sends are taken out; a big
(double-width) character is followed by spaces for the columns it covers;
a barcode shows as a row of bars with what it carries, a cut as a wavy
line, a drawer pulse as a note."""

from __future__ import annotations

from charity_pos.devices.escpos_text import char_columns

_FIXED = {  # command -> its length in bytes
    b"\x1b@": 2, b"\x1c&": 2, b"\x1c.": 2,
    b"\x1bE": 3, b"\x1d!": 3, b"\x1ba": 3, b"\x1bd": 3, b"\x1dh": 3, b"\x1dw": 3, b"\x1dH": 3, b"\x1dV": 3,
    b"\x1bp": 5,
}


def picture(job: bytes, cols: int) -> str:
    """The job's text, one line per printed line."""
    lines: list[str] = []
    text, pending = bytearray(), []  # raw text of the line; (text, big) runs
    big = False
    i = 0

    def flush_text() -> None:
        if text:
            pending.append((bytes(text).decode("gb18030"), big))
            text.clear()

    def end_line() -> None:
        flush_text()
        lines.append("".join(_shown(t, b) for t, b in pending).rstrip())
        pending.clear()

    while i < len(job):
        two = job[i:i + 2]
        if job[i] == 0x0A:
            end_line()
            i += 1
        elif two == b"\x1dk":
            flush_text()
            length = job[i + 3]
            data = job[i + 4:i + 4 + length]
            pending.append((f"|||| CODE128 {_code128_text(data)} ||||".center(cols), False))
            i += 4 + length
        elif two == b"\x1dv":
            flush_text()
            width = int.from_bytes(job[i + 4:i + 6], "little")
            height = int.from_bytes(job[i + 6:i + 8], "little")
            lines.append(f"[ladder barcode {width * 8}x{height} dots]".center(cols).rstrip())
            i += 8 + width * height
        elif two == b"\x1dV":
            flush_text()
            lines.append(" cut ".center(cols, "~"))
            i += 3
        elif two == b"\x1bp":
            flush_text()
            lines.append(f"[drawer pulse, pin {2 if job[i + 2] == 0 else 5}]")
            i += 5
        elif two in _FIXED:
            flush_text()
            if two == b"\x1d!":
                big = job[i + 2] & 0x10 != 0  # double width; double height alone keeps the columns
            i += _FIXED[two]
        elif job[i] < 0x20:
            raise ValueError(f"unexpected control byte {job[i]:#04x} at {i}")
        else:
            text.append(job[i])
            i += 1
    flush_text()
    if pending:
        end_line()
    return "\n".join(lines) + "\n"


def _shown(text: str, big: bool) -> str:
    if not big:
        return text
    return "".join(ch + " " * char_columns(ch) for ch in text)


def _code128_text(data: bytes) -> str:
    out, mode, i = [], "B", 0
    while i < len(data):
        if data[i:i + 2] in (b"{B", b"{C"):
            mode = chr(data[i + 1])
            i += 2
        elif data[i:i + 2] == b"{{":
            out.append("{")
            i += 2
        else:
            out.append(f"{data[i]:02d}" if mode == "C" else chr(data[i]))
            i += 1
    return "".join(out)
