"""The person using jobtracker: name, email, phone and signature, signed under every draft.

The profile is the person's, not a database's: it lives in the user's settings folder
(``profile.json`` in the platformdirs config folder, 0600 in a 0700 folder), shared by every
database they open. Older databases kept it as their ``profile`` setting; the first writer
to open one moves it out (once): into the user's settings when those have none, else the
user's settings win and the log says what was left behind.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from jobtracker.domain import limits, validation
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.settings import SettingsService
from jobtracker.paths import PRIVATE_FILE_MODE, ensure_private_dir
from jobtracker.store.files import sync_folder

#: the database setting older versions kept the profile in
SETTING_KEY = "profile"

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Profile:
    name: str = ""
    email: str = ""
    phone: str = ""
    #: free text under the sign-off; empty means name, email and phone on their own lines
    signature: str = ""

    @property
    def is_complete(self) -> bool:
        """A draft needs at least the name to sign with."""
        return bool(self.name)

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.split() else ""

    @property
    def sign_off(self) -> str:
        """The signature as written, or one made of the name, email and phone."""
        if self.signature:
            return self.signature
        return "\n".join(part for part in (self.name, self.email, self.phone) if part)

    @classmethod
    def from_mapping(cls, stored: dict[str, Any]) -> Profile:
        """The fields found in ``stored`` as text; anything else is left out."""
        return cls(**{name: str(stored.get(name, "")) for name in cls.__dataclass_fields__})


class ProfileService:
    """Reads and writes the profile in the user's settings file ``path``.

    ``database`` is the open database's settings, where an older version kept the profile:
    moved out on first use when ``writable``, only read (when the user has no profile yet)
    when not.
    """

    def __init__(self, path: Path, database: SettingsService, *, writable: bool) -> None:
        self.path = path
        self.database = database
        self.writable = writable
        self._moved = False

    def get(self) -> Profile:
        self._move_from_database()
        stored = self._read_file()
        if stored is None and not self.writable:
            stored = self.database.mapping(SETTING_KEY)  # an older file, opened to read
        return Profile.from_mapping(stored or {})

    def save(self, name: str, email: str = "", phone: str = "", signature: str = "") -> Profile:
        """Validate and store; raises FieldsError naming every bad field."""
        checks = {
            "name": lambda v: validation.optional_text("name", v, limits.PERSON_NAME),
            "email": lambda v: validation.email("email", v),
            "phone": lambda v: validation.optional_text("phone", v, limits.PHONE),
            "signature": lambda v: validation.optional_text("signature", v, limits.SIGNATURE),
        }
        typed = {"name": name, "email": email, "phone": phone, "signature": signature}
        profile = Profile(**validation.check_all(typed, checks))
        self._move_from_database()
        self._write_file(profile)
        return profile

    # -- the file -----------------------------------------------------------------------

    def _read_file(self) -> dict[str, Any] | None:
        """The stored profile; None when there is none. A file that is not a JSON object
        (edited by hand, cut short) is logged and read as no profile, never fatal."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            log.warning("Could not read your profile from %s: %s", self.path, exc)
            return None
        try:
            stored = json.loads(text)
        except ValueError:
            stored = None
        if not isinstance(stored, dict):
            log.warning("Your profile in %s is not a JSON object; it is ignored", self.path)
            return None
        return stored

    def _write_file(self, profile: Profile) -> None:
        """Replace the file at once (a crash leaves the old one or the new one), created
        0600 in a folder created 0700."""
        ensure_private_dir(self.path.parent)
        partial = self.path.with_name(f".{self.path.name}.new")
        text = json.dumps(asdict(profile), ensure_ascii=False, indent=1)
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
            with os.fdopen(descriptor, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            partial.chmod(PRIVATE_FILE_MODE)  # the umask narrows, never widens
            partial.replace(self.path)
            sync_folder(self.path.parent)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise ValidationError(
                "profile", f"could not be saved to {self.path}: {exc.strerror or exc}"
            ) from exc

    # -- from older databases ----------------------------------------------------------

    def _move_from_database(self) -> None:
        """Move an older database's profile into the user's settings, once."""
        if self._moved or not self.writable:
            return
        self._moved = True
        stored = self.database.get(SETTING_KEY)
        if stored is None:
            return
        found = Profile.from_mapping(stored if isinstance(stored, dict) else {})
        mine = self._read_file()
        if found != Profile():
            if mine is None:
                self._write_file(found)
                log.info("Moved the profile of this database into %s", self.path)
            elif Profile.from_mapping(mine) != found:
                log.warning(
                    "This database kept its own profile (name %r), which differs from yours "
                    "in %s; yours is kept and the database's is no longer used",
                    found.name,
                    self.path,
                )
        self.database.delete(SETTING_KEY)
