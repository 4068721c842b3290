"""One window per database: real processes hand over to the one already running."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket as socket_module
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.users import other_user

from jobtracker.platform.single_instance import (
    SingleInstance,
    capture_request,
    path_hash,
    server_name,
)

#: A first instance: a minimized window that reports when another start asks it forward.
FIRST = Path(__file__).parents[1] / "fixtures" / "first_instance.py"

#: A second start: hands over and exits 0, or says it would have opened a window.
SECOND = Path(__file__).parents[1] / "fixtures" / "second_instance.py"


def _env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture
def first_instance(db_path: Path) -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [sys.executable, str(FIRST), str(db_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
    )  # fmt: skip
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready", proc.stderr.read() if proc.stderr else ""
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def _second(db_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SECOND), str(db_path)],
        capture_output=True, text=True, env={**_env(), **env}, timeout=30,
    )  # fmt: skip


def test_second_start_hands_over_and_first_comes_forward(
    first_instance: subprocess.Popen[str], db_path: Path
) -> None:
    second = _second(db_path)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "handed over"
    out, err = first_instance.communicate(timeout=20)
    assert out.strip() == "raised minimized=False visible=True", err
    assert first_instance.returncode == 0


def test_another_database_is_not_handed_over(
    first_instance: subprocess.Popen[str], tmp_path: Path
) -> None:
    other = _second(tmp_path / "other.sqlite3")
    assert other.returncode == 5
    assert other.stdout.strip() == "listening"
    assert first_instance.poll() is None


def test_stale_socket_after_a_crash_does_not_block_a_new_start(
    first_instance: subprocess.Popen[str], db_path: Path
) -> None:
    first_instance.send_signal(signal.SIGKILL)  # no chance to remove its socket
    first_instance.wait(timeout=10)
    start = _second(db_path)
    assert start.returncode == 5, start.stderr
    assert start.stdout.strip() == "listening"


def test_server_name_is_stable_and_per_database(tmp_path: Path) -> None:
    a = tmp_path / "a.sqlite3"
    assert server_name(a) == server_name(tmp_path / "x" / ".." / "a.sqlite3")
    assert server_name(a) != server_name(tmp_path / "b.sqlite3")
    assert len(server_name(a).encode()) < 104  # socket paths have a small length limit


def test_server_name_is_the_same_in_another_process(tmp_path: Path) -> None:
    """Python's own hash() is salted per process; the socket's name must not be."""
    db = tmp_path / "a.sqlite3"
    script = "import sys; from jobtracker.platform.single_instance import server_name as n; "
    script += "print(n(sys.argv[1]))"
    other = subprocess.run(
        [sys.executable, "-c", script, str(db)],
        capture_output=True, text=True, check=True, timeout=60,
        env={**_env(), "PYTHONHASHSEED": "random"},
    )  # fmt: skip
    assert other.stdout.strip() == server_name(db)


def test_path_hash_is_fnv1a_64() -> None:
    """The published FNV-1a test vectors, and a path that is not valid UTF-8."""
    assert path_hash("") == 0xCBF29CE484222325
    assert path_hash("a") == 0xAF63DC4C8601EC8C
    assert path_hash("foobar") == 0x85944171F73967E8
    assert path_hash("/tmp/caf\udce9") != path_hash("/tmp/caf\u00e9")


def test_in_process_request_emits_raise_requested(qtbot, tmp_path: Path) -> None:
    instance = SingleInstance(tmp_path / "db.sqlite3")
    assert instance.listen()
    try:
        other = SingleInstance(tmp_path / "db.sqlite3")
        # the server answers from this event loop; the kernel holds the connection meanwhile
        with (
            qtbot.waitSignal(instance.raise_requested, timeout=5000),
            socket_module.socket(socket_module.AF_UNIX) as client,
        ):
            client.connect(other.name)
            client.sendall(b"raise\n")
    finally:
        instance.close()
    assert not Path(instance.name).exists()  # closing removes the socket


def test_a_request_in_pieces_is_read_whole(qtbot, tmp_path: Path) -> None:
    """A line that arrives in several reads is answered once, when it is whole."""
    instance = SingleInstance(tmp_path / "db.sqlite3")
    assert instance.listen()
    try:
        url = "https://jobs.example.com/" + "a" * 5000
        with socket_module.socket(socket_module.AF_UNIX) as client:
            client.connect(instance.name)
            line = capture_request(url)
            with qtbot.assertNotEmitted(instance.capture_requested, wait=100):
                client.sendall(line[:10])  # half a line is not a request yet
            with qtbot.waitSignal(instance.capture_requested, timeout=5000) as handed:
                client.sendall(line[10:])
        assert handed.args == [url]
    finally:
        instance.close()


#: The real window on a database, reporting when a later start brings it forward.
REAL_APP = Path(__file__).parents[1] / "fixtures" / "app_reporting_raise.py"


def test_real_app_second_start_exits_0_and_raises_the_first(db_path: Path) -> None:
    first = subprocess.Popen(
        [sys.executable, str(REAL_APP), str(db_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(),
    )  # fmt: skip
    try:
        lock = db_path.with_name(db_path.name + ".lock")
        deadline = time.monotonic() + 30
        while "jobtracker window" not in (lock.read_text() if lock.exists() else ""):
            assert first.poll() is None, first.communicate()[1]
            assert time.monotonic() < deadline, "the first window did not open the database"
            time.sleep(0.05)
        second = subprocess.run(
            [sys.executable, "-m", "jobtracker", "--db", str(db_path)],
            capture_output=True, text=True, env=_env(), timeout=30,
        )  # fmt: skip
        assert second.returncode == 0, second.stderr
        out, err = first.communicate(timeout=30)
        assert f"raised jobtracker — {db_path.name}" in out, err
        assert first.returncode == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait(timeout=10)


@pytest.fixture(scope="module")
def second_user() -> Iterator[pwd.struct_passwd]:
    yield from other_user()


#: listens as another user where a trusting start would look; says whether anyone came
LISTENER = """
import socket, sys
server = socket.socket(socket.AF_UNIX)
server.bind(sys.argv[1])
server.listen()
server.settimeout(float(sys.argv[2]))
print("ready", flush=True)
try:
    server.accept()
    print("connected", flush=True)
except TimeoutError:
    print("nobody", flush=True)
"""


def test_the_socket_is_in_a_private_runtime_folder(tmp_path: Path, monkeypatch) -> None:
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    name = Path(server_name(tmp_path / "a.sqlite3"))
    assert name.parent == runtime / "jobtracker"
    assert name.parent.stat().st_mode & 0o777 == 0o700


def test_without_a_runtime_folder_a_private_one_is_made(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    name = Path(server_name(tmp_path / "a.sqlite3"))
    assert name.parent.stat().st_mode & 0o777 == 0o700
    assert name.parent.stat().st_uid == os.getuid()


@pytest.fixture
def short_folder() -> Iterator[Path]:
    """A folder with a short path (socket paths are limited to about 100 bytes)."""
    folder = Path(tempfile.mkdtemp(prefix="jt-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_runtime_folder_another_user_controls_is_not_used(
    tmp_path: Path, short_folder: Path, second_user: pwd.struct_passwd
) -> None:
    """Another user owns the folder XDG_RUNTIME_DIR names and listens where a trusting start
    would connect: the start neither connects nor hands over, and listens somewhere private."""
    short_folder.chmod(0o755)
    runtime = short_folder / "run"
    runtime.mkdir(mode=0o700)
    (runtime / "jobtracker").mkdir(mode=0o700)
    for folder in (runtime, runtime / "jobtracker"):
        os.chown(folder, second_user.pw_uid, second_user.pw_gid)
    db = tmp_path / "jobs.sqlite3"
    planted = runtime / "jobtracker" / Path(server_name(db)).name
    attacker = subprocess.Popen(
        ["runuser", "-u", second_user.pw_name, "--", "/usr/bin/python3", "-c", LISTENER,
         str(planted), "3"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert attacker.stdout is not None and attacker.stdout.readline().strip() == "ready"
        assert planted.stat().st_uid == second_user.pw_uid
        second = _second(db, XDG_RUNTIME_DIR=str(runtime))
        assert (second.returncode, second.stdout.strip()) == (5, "listening")
        assert attacker.stdout.readline().strip() == "nobody"
    finally:
        attacker.kill()
        attacker.wait(timeout=10)


def test_a_socket_another_user_owns_is_never_connected_to(
    tmp_path: Path, second_user: pwd.struct_passwd
) -> None:
    db = tmp_path / "jobs.sqlite3"
    name = server_name(db)
    planted = socket_module.socket(socket_module.AF_UNIX)
    try:
        planted.bind(name)
        planted.listen()
        planted.setblocking(False)
        os.lchown(name, second_user.pw_uid, second_user.pw_gid)
        second = _second(db)  # takes the name over, does not hand over
        assert (second.returncode, second.stdout.strip()) == (5, "listening")
        with pytest.raises(BlockingIOError):
            planted.accept()
    finally:
        planted.close()
