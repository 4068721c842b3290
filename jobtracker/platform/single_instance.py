"""One window per database: a second start on the same file hands over to the running one.

The running app listens on a local socket (QLocalServer) whose name is derived from the
user and the database's resolved path. A second start connects, sends one request line and
exits: ``raise`` (the first brings its window forward) or ``capture URL`` (the URL
percent-encoded, so it holds no space or newline: the first captures that posting). A
socket left behind by a crashed process refuses connections, so it is removed and the new
start listens in its place.

The socket lives in a folder only this user can enter: ``$XDG_RUNTIME_DIR`` where it is
theirs and 0700, else a 0700 folder jobtracker makes in the user's cache folder. A socket
there that belongs to another user is never connected to (root could have put it there).
"""

from __future__ import annotations

import getpass
import hashlib
import os
import stat
import sys
from pathlib import Path
from urllib.parse import quote, unquote

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

RAISE_REQUEST = b"raise\n"
CAPTURE_PREFIX = b"capture "
#: the longest request line read (a capture link is a URL; browsers stop near 64 KB)
MAX_REQUEST_BYTES = 65536
#: how long a second start waits for the running one; it answers from its event loop
CONNECT_TIMEOUT_MS = 1000


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


def socket_folder() -> Path | None:
    """Where this user's sockets go (made when missing); None on Windows, whose named pipes
    need no folder."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return None
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
    """The socket's path (a pipe's name on Windows), the same for every start of this user
    on this database."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        user = str(Path.home())
    key = f"{user}\0{Path(database_path).expanduser().resolve()}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    folder = socket_folder()
    return f"jobtracker-{digest}" if folder is None else str(folder / digest)


def trusted(name: str) -> bool:
    """A socket to talk to: one this user owns (or a Windows pipe, named per user)."""
    if not Path(name).is_absolute():
        return True
    try:
        info = Path(name).lstat()
    except OSError:
        return False
    return stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid()


def capture_request(url: str) -> bytes:
    """The request line asking the running window to capture ``url``."""
    return CAPTURE_PREFIX + quote(url, safe=":/?&=#+,;@!$'()*~[]").encode("ascii") + b"\n"


def send_raise_request(name: str, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
    """Ask the instance listening on ``name`` to come forward; False when none answers or
    the socket is not this user's."""
    return send_request(name, RAISE_REQUEST, timeout_ms)


def send_request(name: str, request: bytes, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
    """Send one request line to the instance listening on ``name``; False when none answers
    or the socket is not this user's."""
    if not trusted(name):
        return False
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(request)
    delivered = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return delivered


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
        self.name = server_name(database_path)
        self._server: QLocalServer | None = None

    def claim(self, request: bytes = RAISE_REQUEST) -> bool:
        """Become the database's instance (True), or hand ``request`` over to the running
        one (False).

        Asks again before clearing a name that will not listen: another start may have
        claimed it a moment ago.
        """
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
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name) and (
            not clear_stale or not _listen_after_clearing(server, self.name)
        ):
            server.deleteLater()
            return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    def _accept(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)

    def _read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket):
            return
        while socket.canReadLine():
            line = bytes(socket.readLine(MAX_REQUEST_BYTES).data())
            if line == RAISE_REQUEST:
                self.raise_requested.emit()
            elif line.startswith(CAPTURE_PREFIX) and line.endswith(b"\n"):
                url = unquote(line[len(CAPTURE_PREFIX) : -1].decode("ascii", errors="replace"))
                self.capture_requested.emit(url)


def _listen_after_clearing(server: QLocalServer, name: str) -> bool:
    QLocalServer.removeServer(name)
    return server.listen(name)
