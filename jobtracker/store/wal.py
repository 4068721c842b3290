"""Reading a write-ahead log (``DB-wal``) the way SQLite's recovery does, without SQLite.

SQLite replays a log's frames up to the first one whose salts or checksum do not match and
silently drops the rest; the next checkpoint then deletes them for good. A log whose frames
stop validating while later frames of the same generation still carry commits is damaged:
those commits are found here, before anything opens the database, so the log can be kept.

Format: https://www.sqlite.org/fileformat2.html#walformat (big-endian header of 32 bytes,
frames of a 24-byte header and one page, cumulative Fletcher-like checksums).
"""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path
from typing import NamedTuple

from jobtracker.paths import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE
from jobtracker.store.files import numbered
from jobtracker.text import counted

WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_VERSION = 3007000
HEADER_SIZE = 32
FRAME_HEADER_SIZE = 24
_MASK = 0xFFFFFFFF


def log_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + "-wal")


def checksum(data: bytes, big_endian: bool, seed: tuple[int, int]) -> tuple[int, int]:
    """SQLite's WAL checksum of ``data`` (a multiple of 8 bytes) continued from ``seed``."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    s0, s1 = seed
    for index in range(0, len(words), 2):
        s0 = (s0 + words[index] + s1) & _MASK
        s1 = (s1 + words[index + 1] + s0) & _MASK
    return s0, s1


class LogDamage(NamedTuple):
    """Where a damaged log stops validating and what is lost after that point."""

    path: Path
    #: 1-based number of the first frame that fails (0: the log's own header)
    bad_frame: int
    frames: int
    #: commits in complete frames after the bad one, which SQLite would drop
    commits_after: int

    def describe(self) -> str:
        where = "its header" if self.bad_frame == 0 else f"frame {self.bad_frame}"
        return (
            f"The write-ahead log {self.path} is damaged: {where} of {self.frames} fails its "
            f"checksum, so {counted(self.commits_after, 'saved change')} after it cannot be read"
        )


def _frames(data: bytes, page_size: int) -> list[tuple[int, bytes, bytes]]:
    """(offset, header, page) of every complete frame."""
    size = FRAME_HEADER_SIZE + page_size
    return [
        (
            offset,
            data[offset : offset + FRAME_HEADER_SIZE],
            data[offset + FRAME_HEADER_SIZE : offset + size],
        )
        for offset in range(HEADER_SIZE, len(data) - size + 1, size)
    ]


def find_damage(database_path: Path) -> LogDamage | None:
    """The damage in the database's log, or None when it is absent, empty, or ends in a
    normal way (a torn last transaction, stale frames from before a restart)."""
    path = log_path(database_path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    if len(data) < HEADER_SIZE:
        return None
    magic, version, page_size, _, salt1, salt2, sum1, sum2 = struct.unpack(">8I", data[:32])
    big_endian = magic & 1 == 1
    valid_size = page_size >= 512 and page_size & (page_size - 1) == 0
    frames = _frames(data, page_size) if valid_size else []
    header_ok = (
        magic in WAL_MAGIC
        and version == WAL_VERSION
        and valid_size
        and checksum(data[:24], big_endian, (0, 0)) == (sum1, sum2)
    )
    if not header_ok:
        # SQLite ignores a log whose header fails; that loses something only if frames follow
        return LogDamage(path, 0, len(frames), len(frames)) if len(data) > HEADER_SIZE else None
    running = (sum1, sum2)
    for number, (_, header, page) in enumerate(frames, start=1):
        _, _, frame_salt1, frame_salt2, frame_sum1, frame_sum2 = struct.unpack(">6I", header)
        if (frame_salt1, frame_salt2) != (salt1, salt2):
            return None  # the end of this generation: older frames follow
        running = checksum(header[:8] + page, big_endian, running)
        if running != (frame_sum1, frame_sum2):
            later = [struct.unpack(">6I", h) for _, h, _ in frames[number:]]
            commits = sum(1 for f in later if f[1] != 0 and (f[2], f[3]) == (salt1, salt2))
            return LogDamage(path, number, len(frames), commits) if commits else None
    return None


def keep_aside(database_path: Path, wanted: Path) -> Path:
    """Copy the database and its damaged log, byte for byte, into a new folder ``wanted``
    (numbered when taken) only the user can read: what a recovery tool needs. Returns it."""
    number = 1
    while True:
        folder = numbered(wanted, number)
        try:
            folder.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            number += 1
            continue
        break
    folder.chmod(PRIVATE_DIR_MODE)
    for source in (database_path, log_path(database_path)):
        copy = folder / source.name
        with source.open("rb") as reading, copy.open("xb") as writing:
            copy.chmod(PRIVATE_FILE_MODE)
            shutil.copyfileobj(reading, writing)
            writing.flush()
            os.fsync(writing.fileno())
    return folder
