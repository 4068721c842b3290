"""jobtracker: a desktop job-search organizer that makes follow-up hard to forget."""

import builtins
import sys

__version__ = "0.1.0"

#: One reverse-DNS id for the desktop file, the window, notifications, metainfo and icon.
APP_ID = "io.github.jobtracker.JobTracker"
APP_NAME = "jobtracker"

# peewee imports hashlib, and hashlib loads OpenSSL's libcrypto: 3.4 MB of memory and 7 ms of
# every start, in an app that sends nothing anywhere. Without ``_hashlib`` Python's built-in
# hashes serve hashlib (md5 for peewee's long index names, sha256 for the single-instance key).
# ``setdefault`` leaves a hashlib already loaded by the host (a test runner) as it is.
sys.modules.setdefault("_hashlib", None)  # type: ignore[arg-type]

#: Python's own ``__import__``, kept before PySide6 wraps it (see
#: ``jobtracker.ui.app.skip_pyside_import_checks``). Where Qt was loaded first (a test
#: runner), this is PySide6's, which works the same.
PLAIN_IMPORT = builtins.__import__
