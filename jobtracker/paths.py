"""Where jobtracker keeps its files (platformdirs), created private to the user.

platformdirs loads where a folder of the user's is asked for, not with the
paths: the window's start asks only for the default database (without ``--db``).
"""

from __future__ import annotations

import os
from pathlib import Path

from jobtracker import APP_NAME

DATABASE_FILENAME = "jobtracker.sqlite3"
DB_ENV_VARIABLE = "JOBTRACKER_DB"
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def data_dir() -> Path:
    """The user-data folder (never a cloud-synced one by default)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def profile_path() -> Path:
    """The person's name, email, phone and signature: theirs, shared by every database."""
    return config_dir() / "profile.json"


def default_database_path() -> Path:
    """The database path: ``JOBTRACKER_DB`` if set, else the data folder's file."""
    override = os.environ.get(DB_ENV_VARIABLE)
    if override:
        return Path(override).expanduser()
    return data_dir() / DATABASE_FILENAME


def backups_dir(database_path: Path) -> Path:
    """Backups sit beside the database they protect, so ``--db`` keeps them apart."""
    return database_path.parent / "backups"


def documents_dir(database_path: Path) -> Path:
    """The document library's files (named by content hash), beside their database."""
    return database_path.parent / "documents"


def user_templates_dir(database_path: Path) -> Path:
    """User-edited templates override the shipped ones, per data folder."""
    return database_path.parent / "templates"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` and its missing parents readable by the user only (0700).

    Folders that exist already are left as they are: a home folder, a shared 1777 folder
    or one the user set up keeps its permissions.
    """
    missing = []
    folder = path
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for created in reversed(missing):
        try:
            created.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:
            if not created.is_dir():
                raise
            continue  # made by another process meanwhile: not ours to change
        created.chmod(PRIVATE_DIR_MODE)  # mkdir's mode is narrowed by the umask, never widened
    return path


def make_private_file(path: Path) -> None:
    """Restrict a file jobtracker has just created to the user (0600)."""
    path.chmod(PRIVATE_FILE_MODE)


def resources_dir() -> Path:
    """Shipped resources: the installed ``jobtracker.resources`` or the repository folder."""
    packaged = Path(__file__).parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"
