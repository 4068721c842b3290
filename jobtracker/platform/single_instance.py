"""One window per database: a second start on the same file hands over to the running one.

The running app listens on a Unix socket named after the database's resolved path, in a
folder of this user's own (below). A second start connects, sends one request line and exits:
``raise`` (the first brings its window forward) or ``capture URL`` (the URL
percent-encoded, so it holds no space or newline: the first captures that posting). A
socket left behind by a crashed process refuses connections, so it is removed and the new
start listens in its place. The kernel queues a connection until the running app's event
loop accepts it, so a start that is still busy painting hands over at once too.

The socket lives in a folder only this user can enter: ``$XDG_RUNTIME_DIR`` where it is
theirs and 0700, else a 0700 folder jobtracker makes in the user's cache folder. A socket
there that belongs to another user is never connected to (root could have put it there).
Where the platform has no Unix sockets, every start opens its own window (the database's
writer lock still keeps a second writer out).
"""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path
from urllib.parse import quote, unquote

from PySide6.QtCore import QObject, QSocketNotifier, Signal

RAISE_REQUEST = b"raise\n"
CAPTURE_PREFIX = b"capture "
#: the longest request line read (a capture link is a URL; browsers stop near 64 KB)
MAX_REQUEST_BYTES = 65536
#: how long a second start waits to hand its request over
CONNECT_TIMEOUT_S = 1.0
#: the 64-bit FNV-1a hash's parameters (see :func:`path_hash`)
FNV_OFFSET = 0xCBF2_9CE4_8422_2325
FNV_PRIME = 0x0000_0100_0000_01B3
#: Unix sockets (not on every Windows Python)
UNIX_SOCKETS = hasattr(socket, "AF_UNIX")


def _private_to_me(folder: Path) -> bool:
    """A folder this user owns that nobody else may enter."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and not info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)
    )


def socket_folder() -> Path:
    """Where this user's sockets go (made when missing)."""
    from jobtracker.paths import ensure_private_dir

    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _private_to_me(Path(runtime)):
        folder = ensure_private_dir(Path(runtime) / "jobtracker")
    else:
        import platformdirs

        folder = ensure_private_dir(Path(platformdirs.user_cache_dir("jobtracker")) / "sockets")
    if not _private_to_me(folder):
        raise OSError(f"{folder} can be entered by other users; no socket is made there")
    return folder


def server_name(database_path: Path) -> str:
    """The socket's path, the same for every start of this user on this database (the
    folder is the user's own, so the name needs only the file)."""
    resolved = Path(database_path).expanduser().resolve()
    return str(socket_folder() / f"{path_hash(str(resolved)):016x}")


def path_hash(text: str) -> int:
    """A 64-bit FNV-1a hash of ``text``: the same in every process (``hash()`` is salted
    per process) and short enough for a socket's path. The name must be distinct, not
    secret (no one else may enter the folder): no cryptographic hash, so the start does
    not load OpenSSL before the window paints."""
    value = FNV_OFFSET
    for byte in os.fsencode(text):
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFF_FFFF_FFFF_FFFF
    return value


def trusted(name: str) -> bool:
    """A socket to talk to: one this user owns."""
    try:
        info = Path(name).lstat()
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


def capture_request(url: str) -> bytes:
    """The request line asking the running window to capture ``url``."""
    return CAPTURE_PREFIX + quote(url, safe=":/?&=#+,;@!$'()*~[]").encode("ascii") + b"\n"


def send_request(name: str, request: bytes, timeout_s: float = CONNECT_TIMEOUT_S) -> bool:
    """Send one request line to the instance listening on ``name``; False when none answers
    or the socket is not this user's."""
    if not trusted(name):
        return False
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout_s)
        try:
            client.connect(name)
            client.sendall(request)
        except OSError:  # nobody listens (refused, gone), or too slow to take the request
            return False
    return True


class SingleInstance(QObject):
    """Claims a database for this process, or finds the process that already has it.

    Signals:
        raise_requested: another start on the same database asked this window to come forward.
        capture_requested(str): another start asked this window to capture a posting's link.
    """

    raise_requested = Signal()
    capture_requested = Signal(str)

    def __init__(self, database_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(database_path) if UNIX_SOCKETS else ""
        self._server: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        #: each connection being read, its notifier and the bytes read from it so far
        self._clients: dict[int, tuple[socket.socket, QSocketNotifier, bytearray]] = {}

    def claim(self, request: bytes = RAISE_REQUEST) -> bool:
        """Become the database's instance (True), or hand ``request`` over to the running
        one (False).

        Asks again before clearing a name that will not listen: another start may have
        claimed it a moment ago.
        """
        if not UNIX_SOCKETS:  # pragma: no cover - no platform the tests run on
            return True
        if self.hand_over(request):
            return False
        if self.listen(clear_stale=False):
            return True
        if self.hand_over(request):
            return False
        self.listen()
        return True

    def hand_over(self, request: bytes = RAISE_REQUEST) -> bool:
        """True when another process runs on this database and was sent ``request``."""
        return send_request(self.name, request)

    def listen(self, *, clear_stale: bool = True) -> bool:
        """Listen for other starts; clears a stale socket left by a crash (call after
        :meth:`hand_over` found nobody answering)."""
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            try:
                server.bind(self.name)
            except OSError:
                if not clear_stale:
                    raise
                Path(self.name).unlink()  # in our private folder: a crashed start's socket
                server.bind(self.name)
            Path(self.name).chmod(stat.S_IRUSR | stat.S_IWUSR)
            server.listen()
        except OSError:
            server.close()
            return False
        server.setblocking(False)
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)
        self._server = server
        return True

    def close(self) -> None:
        """Stop listening, and remove the socket."""
        for client_fd in list(self._clients):
            self._drop(client_fd)
        if self._server is not None:
            assert self._notifier is not None
            self._notifier.setEnabled(False)
            self._server.close()
            self._server = self._notifier = None
            Path(self.name).unlink(missing_ok=True)

    def _accept(self) -> None:
        assert self._server is not None
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:  # none waiting
                return
            client.setblocking(False)
            notifier = QSocketNotifier(client.fileno(), QSocketNotifier.Type.Read, self)
            notifier.activated.connect(self._read)
            self._clients[client.fileno()] = (client, notifier, bytearray())

    def _read(self) -> None:
        notifier = self.sender()
        if not isinstance(notifier, QSocketNotifier) or notifier.socket() not in self._clients:
            return
        client_fd = notifier.socket()
        client, _, received = self._clients[client_fd]
        try:
            data = client.recv(MAX_REQUEST_BYTES)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        received += data
        while b"\n" in received:
            line, _, rest = bytes(received).partition(b"\n")
            received[:] = rest
            self._answer(line + b"\n")
        if not data or len(received) > MAX_REQUEST_BYTES:  # the other end is done, or no line
            self._drop(client_fd)

    def _answer(self, line: bytes) -> None:
        if line == RAISE_REQUEST:
            self.raise_requested.emit()
        elif line.startswith(CAPTURE_PREFIX):
            url = unquote(line[len(CAPTURE_PREFIX) : -1].decode("ascii", errors="replace"))
            self.capture_requested.emit(url)

    def _drop(self, client_fd: int) -> None:
        client, notifier, _ = self._clients.pop(client_fd)
        notifier.setEnabled(False)
        notifier.deleteLater()
        client.close()
