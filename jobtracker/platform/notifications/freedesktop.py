"""Freedesktop notifications over D-Bus with jeepney.

Why jeepney and not QtDBus: QtDBus sends a Python int as ``int32``, and real servers (dunst,
GNOME) refuse ``Notify`` unless ``replaces_id`` is a ``uint32``; jeepney sends the explicit
signature ``susssasa{sv}i``. The connection stays open for the app's life because servers
send ``ActionInvoked`` and ``NotificationClosed`` only to the connection that notified.

jeepney's router reads the socket in its own thread; a small pump thread turns matching
signals into Qt signals, which Qt queues to the GUI thread (the one writer).
"""

from __future__ import annotations

import logging
import queue
import threading
from typing import Any

from jeepney import DBusAddress, HeaderFields, MatchRule, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusRouter, Proxy, open_dbus_connection
from jeepney.wrappers import unwrap_msg

from jobtracker import APP_ID, APP_NAME
from jobtracker.platform.notifications.base import Notice, Notifier

log = logging.getLogger(__name__)

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
CALL_TIMEOUT_S = 3.0
SERVER = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)


class FreedesktopNotifier(Notifier):
    """Notifications through the session's notification server.

    Use :meth:`connect`, which returns None when there is no bus or no server.
    """

    def __init__(self, router: DBusRouter, capabilities: list[str]) -> None:
        super().__init__()
        self._router = router
        self._closed = False
        self.capabilities = capabilities
        self._shown: dict[int, tuple[int, ...]] = {}
        self._lock = threading.Lock()
        self._signals: queue.Queue[Any] = queue.Queue()
        rule = MatchRule(type="signal", interface=BUS_NAME, path=OBJECT_PATH)
        Proxy(message_bus, router).AddMatch(rule)
        self._filter = router.filter(rule, queue=self._signals)
        self._pump = threading.Thread(target=self._pump_signals, name="notifications", daemon=True)
        self._pump.start()

    @classmethod
    def open(cls, address: str = "SESSION") -> FreedesktopNotifier | None:
        """Open a connection and ask for the server; None (logged) when there is none."""
        try:
            connection = open_dbus_connection(address)
        except (OSError, KeyError, ValueError) as exc:
            log.info("no D-Bus session bus: %s", exc)
            return None
        router = DBusRouter(connection)
        try:
            reply = router.send_and_get_reply(
                new_method_call(SERVER, "GetCapabilities"), timeout=CALL_TIMEOUT_S
            )
            capabilities = list(unwrap_msg(reply)[0])
        except Exception as exc:  # DBusErrorResponse, timeout: no server on this bus
            log.info("no notification server: %s", exc)
            router.close()
            connection.close()
            return None
        return cls(router, capabilities)

    def show(self, notice: Notice) -> bool:
        body = notice.body
        if "body-markup" in self.capabilities:
            from html import escape  # loaded on first use: its table of entities is large

            body = escape(body, quote=False)
        actions: list[str] = []
        if "actions" in self.capabilities:
            for key, label in notice.actions:
                actions += [key, label]
        hints = {
            "urgency": ("y", notice.urgency),
            "desktop-entry": ("s", APP_ID),
        }
        message = new_method_call(
            SERVER,
            "Notify",
            NOTIFY_SIGNATURE,
            (APP_NAME, 0, APP_ID, notice.summary, body, actions, hints, -1),
        )
        try:
            reply = self._router.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
            (notification_id,) = unwrap_msg(reply)
        except Exception as exc:
            log.warning("the notification server refused a notification: %s", exc)
            return False
        with self._lock:
            self._shown[notification_id] = notice.reminder_ids
        return True

    def close(self) -> None:
        """Stop the pump and the router, then close the socket (the router leaves it open)."""
        if self._closed:
            return
        self._closed = True
        self._signals.put(None)
        self._router.close()
        self._router.conn.close()
        self._pump.join(timeout=2)

    def _pump_signals(self) -> None:
        """Runs in its own thread: emit the signals about our notifications."""
        while True:
            message = self._signals.get()
            if message is None:
                return
            member = message.header.fields.get(HeaderFields.member)
            if member == "ActionInvoked":
                notification_id, action = message.body
                with self._lock:
                    ids = self._shown.get(notification_id)
                if ids is not None:
                    self.action_invoked.emit(ids, action)
            elif member == "NotificationClosed":
                notification_id, reason = message.body
                with self._lock:
                    ids = self._shown.pop(notification_id, None)
                if ids is not None:
                    self.dismissed.emit(ids, int(reason))
