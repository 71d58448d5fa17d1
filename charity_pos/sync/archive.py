"""Reading a bundle's file and its ZIP structure defensively.

``read_file`` takes regular files only: a folder, a FIFO, a device or a
socket is refused from ``os.stat`` without being opened, and the file is
opened non-blocking (should it be swapped for a FIFO in between, the open
does not wait for a writer and ``fstat`` refuses it). A file larger than
``MAX_BUNDLE_BYTES`` is refused before a byte is read.

``list_parts`` checks the ZIP structure ``write_bundle`` makes, from the
end-of-directory record, the central directory and every local header,
before any part's content is read: at most ``MAX_PARTS`` parts, each
stored (compression method 0: a deflated part, a zip bomb, is refused from
its header), with no flag bits (no encryption, no data descriptor), no
extra fields or comments, a name the caller expects and a size under its
cap, the local header agreeing with the central directory, and the parts
lying back to back from the first byte to the central directory, which
runs to the end-of-directory record at the very end of the file. So the
content is never larger than the file, and nothing hides between parts.
``part_bytes`` then reads one part and checks its CRC-32.

A bundle of a year is far larger than what a reader should hold in memory:
``open_file`` opens it as ``read_file`` does and returns a ``FileData``,
which ``list_parts`` and ``part_bytes`` read as they read bytes, a few
hundred bytes of headers at a time; ``part_chunks`` streams a large part
in chunks and checks its CRC-32 once the last one is read.
"""

from __future__ import annotations

import os
import stat
import struct
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charity_pos.errors import BundleDamaged, BundleNotAFile, BundleTooLarge, BundleZipInvalid

#: a busy store's year of events makes a bundle of about 0.6 GB
MAX_BUNDLE_BYTES = 1024**3
#: the manifest, the signature and at most a few content files
MAX_PARTS = 8

_EOCD = struct.Struct("<4s4H2LH")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_LOCAL = struct.Struct("<4s5H3L2H")
_EOCD_SIG, _CENTRAL_SIG, _LOCAL_SIG = b"PK\x05\x06", b"PK\x01\x02", b"PK\x03\x04"
_READ_CHUNK = 64 * 1024**2
#: the chunks a large part is streamed in
STREAM_CHUNK = 1024**2
#: a bundle's central directory: a few parts of short names, far less than this
MAX_DIRECTORY_BYTES = 64 * 1024


@dataclass(frozen=True)
class Part:
    name: str
    start: int  # of its content in the file
    size: int
    crc: int
    #: made by, version needed, time, date, internal and external attributes (the central directory's)
    attributes: tuple[int, ...] = ()


def _what(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "other"


def _check_stat(where: str, st: os.stat_result, limit: int) -> None:
    what = _what(st.st_mode)
    if what is not None:
        raise BundleNotAFile(path=where, what=what)
    if st.st_size > limit:
        raise BundleTooLarge(path=where, part="", limit=limit)


def _open_checked(path: Path, where: str, limit: int) -> tuple[int, os.stat_result]:
    """The file opened read-only (never blocking on a FIFO or a device), a
    regular file under ``limit`` both before and after opening (should it
    have been swapped meanwhile); BundleDamaged (or a subclass) says why not."""
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY"):
        flags |= getattr(os, name, 0)
    try:
        _check_stat(where, os.stat(path), limit)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise BundleDamaged(path=where, detail="missing_file") from None
    except IsADirectoryError:
        raise BundleNotAFile(path=where, what="folder") from None
    except OSError:
        raise BundleDamaged(path=where, detail="unreadable") from None
    try:
        st = os.fstat(fd)
        _check_stat(where, st, limit)  # what was opened, should it have been swapped since
    except OSError:
        os.close(fd)
        raise BundleDamaged(path=where, detail="unreadable") from None
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def read_file(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; BundleDamaged (or a subclass) says why not."""
    where, limit = str(path), MAX_BUNDLE_BYTES if limit is None else limit
    fd, st = _open_checked(path, where, limit)
    try:
        want = st.st_size + 1  # one more: a file that grew meanwhile shows it
        chunks, got = [], 0
        while got < want:
            chunk = os.read(fd, min(want - got, _READ_CHUNK))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError:
        raise BundleDamaged(path=where, detail="unreadable") from None
    finally:
        os.close(fd)
    if got > limit:
        raise BundleTooLarge(path=where, part="", limit=limit)
    return b"".join(chunks)


class FileData:
    """An open bundle file read where asked (``os.pread``), never whole."""

    def __init__(self, fd: int, size: int, where: str) -> None:
        self.fd, self.size, self.where = fd, size, where

    def __len__(self) -> int:
        return self.size

    def read(self, start: int, size: int) -> bytes:
        if start < 0 or size < 0 or start + size > self.size:
            raise BundleDamaged(path=self.where, detail="not_a_bundle")
        try:
            data = os.pread(self.fd, size, start)
        except OSError:
            raise BundleDamaged(path=self.where, detail="unreadable") from None
        if len(data) != size:  # cut short while being read
            raise BundleDamaged(path=self.where, detail="unreadable")
        return data

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> FileData:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_file(path: Path, limit: int | None = None) -> FileData:
    """The file opened for reading parts of it, checked as ``read_file`` checks it
    (a regular file, under the cap); the caller closes it."""
    where, limit = str(path), MAX_BUNDLE_BYTES if limit is None else limit
    fd, st = _open_checked(path, where, limit)
    return FileData(fd, st.st_size, where)


def _read(data: bytes | FileData, start: int, size: int) -> bytes:
    if isinstance(data, FileData):
        return data.read(start, size)
    return data[start:start + size]


def _bad(where: str, detail: str) -> BundleZipInvalid:
    return BundleZipInvalid(path=where, detail=detail)


def list_parts(where: str, whole: bytes | FileData, caps: Mapping[str, int]) -> dict[str, Part]:
    """The parts of the ZIP in ``whole`` (its bytes, or the open file), checked
    as the module says; ``caps`` maps each name a part may have to its largest
    size. Of a file, only the end record, the directory and the local headers
    are read."""
    end = len(whole) - _EOCD.size
    if end < 0:
        raise BundleDamaged(path=where, detail="not_a_bundle")
    tail = _read(whole, end, _EOCD.size)
    if tail[:4] != _EOCD_SIG:
        raise BundleDamaged(path=where, detail="not_a_bundle")  # not a ZIP, cut short, or something appended
    _sig, disk, cd_disk, on_disk, count, cd_size, cd_start, comment = _EOCD.unpack_from(tail, 0)
    if comment or disk or cd_disk or on_disk != count or cd_start + cd_size != end:
        raise _bad(where, "layout")
    if count > MAX_PARTS:
        raise _bad(where, "too_many_parts")
    if cd_size > MAX_DIRECTORY_BYTES:
        raise _bad(where, "layout")
    # the directory alone, read once, at its own offsets (``pos`` counts from the file's start)
    data = _Window(_read(whole, cd_start, cd_size), cd_start)
    entries: list[tuple[str, bytes, tuple[int, ...], int]] = []
    attributes: dict[str, tuple[int, ...]] = {}
    names: set[str] = set()
    pos, total = cd_start, 0
    for _ in range(count):
        if pos + _CENTRAL.size > end:
            raise _bad(where, "layout")
        (sig, made_by, needed, flags, method, time, date, crc, packed, size, name_len, extra_len, comment_len,
         start_disk, internal, external, offset) = _unpack_from(_CENTRAL, data, pos)
        raw_name = data[pos + _CENTRAL.size:pos + _CENTRAL.size + name_len]
        pos += _CENTRAL.size + name_len + extra_len + comment_len
        if sig != _CENTRAL_SIG or pos > end:
            raise _bad(where, "layout")
        if method != 0:
            raise _bad(where, "compressed")
        if flags != 0:
            raise _bad(where, "flags")
        if extra_len or comment_len or start_disk:
            raise _bad(where, "layout")
        name = raw_name.decode("ascii", errors="replace")
        if name not in caps:
            raise _bad(where, "unknown_part")
        if name in names:
            raise BundleDamaged(path=where, detail="duplicate_member")
        names.add(name)
        if size > caps[name]:
            raise BundleTooLarge(path=where, part=name, limit=caps[name])
        if packed != size:
            raise _bad(where, "headers")
        total += size
        entries.append((name, raw_name, (needed, flags, method, time, date, crc, packed, size), offset))
        attributes[name] = (made_by, needed, time, date, internal, external)
    if pos != end:
        raise _bad(where, "layout")
    if total > MAX_BUNDLE_BYTES:
        raise BundleTooLarge(path=where, part="", limit=MAX_BUNDLE_BYTES)
    parts: dict[str, Part] = {}
    expected = 0
    for name, raw_name, central, offset in sorted(entries, key=lambda entry: entry[3]):
        if offset != expected or offset + _LOCAL.size + len(raw_name) > cd_start:
            raise _bad(where, "layout")
        header = _read(whole, offset, _LOCAL.size + len(raw_name))
        sig, *local, name_len, extra_len = _LOCAL.unpack_from(header, 0)
        if sig != _LOCAL_SIG:
            raise _bad(where, "layout")
        start = offset + _LOCAL.size + name_len
        if tuple(local) != central or extra_len or header[_LOCAL.size:] != raw_name:
            raise _bad(where, "headers")
        size, crc = central[-1], central[-3]
        expected = start + size
        if expected > cd_start:
            raise _bad(where, "layout")
        parts[name] = Part(name, start, size, crc, attributes[name])
    if expected != cd_start:
        raise _bad(where, "layout")
    return parts


class _Window:
    """Bytes that stand at ``offset`` in the file: sliced and unpacked by the file's offsets."""

    def __init__(self, data: bytes, offset: int) -> None:
        self.data, self.offset = data, offset

    def __getitem__(self, key: slice) -> bytes:
        return self.data[key.start - self.offset:key.stop - self.offset]


def _unpack_from(layout: struct.Struct, data: bytes | _Window, pos: int) -> tuple[Any, ...]:
    if isinstance(data, _Window):
        return layout.unpack_from(data.data, pos - data.offset)
    return layout.unpack_from(data, pos)


def part_bytes(where: str, data: bytes | FileData, part: Part) -> bytes:
    content = _read(data, part.start, part.size)
    if zlib.crc32(content) != part.crc:
        raise _bad(where, "checksum")
    return content


def part_chunks(where: str, data: FileData, part: Part, chunk: int | None = None) -> Iterator[bytes]:
    """The part's content in chunks of ``chunk`` bytes (``STREAM_CHUNK``); its CRC-32 is checked
    after the last one (BundleZipInvalid ``checksum`` then), so a consumer
    keeps nothing it read until the iteration ends without error."""
    crc, at, stop = 0, part.start, part.start + part.size
    chunk = chunk or STREAM_CHUNK
    while at < stop:
        piece = data.read(at, min(chunk, stop - at))
        crc = zlib.crc32(piece, crc)
        at += len(piece)
        yield piece
    if crc != part.crc:
        raise _bad(where, "checksum")
