"""Faults while copying a document in: a full disk (a real tmpfs) and a file being written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.documents import make_pdf

from jobtracker.domain.clock import FakeClock
from jobtracker.domain.documents.service import DocumentError
from jobtracker.domain.services import Services
from jobtracker.store.db import open_store
from jobtracker.store.errors import StoreError


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, mounted for the test and unmounted after it."""
    mount = shutil.which("mount")
    if os.geteuid() != 0 or mount is None:
        if os.environ.get("CI") == "true":
            pytest.fail("a full-disk test needs root and mount under CI")
        pytest.skip("mounting a tmpfs needs root")
    point = tmp_path / "small-disk"
    point.mkdir()
    subprocess.run([mount, "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(point)],
                   check=True, timeout=30)  # fmt: skip
    try:
        yield point
    finally:
        subprocess.run(["umount", str(point)], check=True, timeout=30)


def test_a_disk_that_fills_during_the_copy_leaves_nothing(
    small_disk: Path, tmp_path: Path, clock: FakeClock
) -> None:
    services = Services(open_store(small_disk / "jobtracker.sqlite3", owner="pytest"), clock)
    try:
        library = services.documents
        kept = library.add(make_pdf(tmp_path / "small.pdf", ["Kept"]), kind="resume").document
        big = make_pdf(tmp_path / "big.pdf", ["Too big"], padding=3 * 1024 * 1024)
        with pytest.raises(StoreError, match=r"No space left .*big\.pdf was not added"):
            library.add(big, kind="resume", label="Big")
        assert [d.id for d in library.documents()] == [kept.id]
        assert sorted(p.name for p in library.folder.iterdir()) == [kept.stored_name]
        assert library.stored_file_problems() == []
    finally:
        services.close()


_WRITER = """
import os, sys, time
path = sys.argv[1]
fd = os.open(path, os.O_WRONLY)
n = 0
sys.stdout.write("writing\\n"); sys.stdout.flush()
while True:
    n += 1
    os.pwrite(fd, bytes([n % 256]), n % 4096)
    os.utime(path, ns=(n, n))
"""


def test_a_file_that_changes_while_copied_is_refused(services: Services, tmp_path: Path) -> None:
    library = services.documents
    growing = make_pdf(tmp_path / "being-saved.pdf", ["Draft"], padding=40 * 1024 * 1024)
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(growing)],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        with pytest.raises(DocumentError, match="changed while it was being copied"):
            library.add(growing, kind="resume")
    finally:
        writer.kill()
        writer.wait(timeout=30)
    assert library.documents() == []
    assert list(library.folder.iterdir()) == []


def test_leftovers_of_a_killed_copy_are_swept_when_a_day_old(
    db_path: Path, clock: FakeClock
) -> None:
    folder = db_path.parent / "documents"
    folder.mkdir(parents=True)
    old, fresh = folder / ".incoming-old", folder / ".incoming-fresh"
    old.write_bytes(b"half a file")
    fresh.write_bytes(b"being copied now")
    two_days_ago = time.time() - 2 * 86400
    os.utime(old, (two_days_ago, two_days_ago))
    services = Services(open_store(db_path, owner="pytest"), clock)
    try:
        services.documents  # noqa: B018  (a writer's library sweeps as it is built)
        assert sorted(p.name for p in folder.iterdir()) == [".incoming-fresh"]
    finally:
        services.close()
