"""Operating-system adapters behind small interfaces: single instance, notifications, tray,
autostart, theme detection. The rest of the app talks to these, never to the OS directly."""
