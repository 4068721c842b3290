"""The person using jobtracker: name, email, phone and signature, signed under every draft."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from jobtracker.domain import limits, validation
from jobtracker.domain.settings import SettingsService

SETTING_KEY = "profile"


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


class ProfileService:
    """Reads and writes the profile, stored as one setting."""

    def __init__(self, settings: SettingsService) -> None:
        self.settings = settings

    def get(self) -> Profile:
        stored = self.settings.mapping(SETTING_KEY)
        fields = {name: str(stored.get(name, "")) for name in Profile.__dataclass_fields__}
        return Profile(**fields)

    def save(self, name: str, email: str = "", phone: str = "", signature: str = "") -> Profile:
        """Validate and store; raises ValidationError naming the bad field."""
        profile = Profile(
            name=validation.optional_text("name", name, limits.PERSON_NAME),
            email=validation.email("email", email),
            phone=validation.optional_text("phone", phone, limits.PHONE),
            signature=validation.optional_text("signature", signature, limits.SIGNATURE),
        )
        self.settings.set(SETTING_KEY, asdict(profile))
        return profile
