"""The follow-up settings: every delay, cap and hour of the rules, the quiet and working
hours and the time zone, how each is checked, and how they are stored (JSON under
``followups``). Kept apart from the rules' service so a reader (``stats``, the Insights
view) can learn the person's time zone without loading the store's models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields, replace
from datetime import time, tzinfo
from typing import Any

from jobtracker.domain.clock import zone_named
from jobtracker.domain.errors import ValidationError
from jobtracker.domain.settings import SettingsService
from jobtracker.domain.working_hours import WorkingHours, format_days, parse_days

SETTINGS_KEY = "followups"


@dataclass(frozen=True, slots=True)
class SettingSpec:
    """How the settings dialog shows one field: label, unit and allowed range."""

    name: str
    label: str
    unit: str = ""
    low: int = 0
    high: int = 0


@dataclass(frozen=True, slots=True)
class FollowupSettings:
    """Every delay, cap and hour of the follow-up rules, the quiet hours and notifications."""

    thank_you_delay_minutes: int = 30
    thank_you_cutoff: str = "17:00"
    morning: str = "09:00"
    no_reply_hours: int = 48
    check_in_days: int = 7
    check_in_cap: int = 2
    prepare_evening: str = "18:00"
    feedback_delay_hours: int = 24
    keep_in_touch_days: int = 60
    offer_deadline_days: int = 2
    snooze_days: int = 1
    quiet_hours: bool = True
    quiet_start: str = "21:00"
    quiet_end: str = "08:00"
    notifications: bool = True
    keep_running_in_tray: bool = True
    #: more due reminders than this at once are shown as one grouped notification
    group_above: int = 3
    #: an IANA zone like "Europe/Berlin"; "" for the computer's own
    time_zone: str = ""
    work_start: str = "09:00"
    work_end: str = "18:00"
    work_days: str = "Mon-Fri"

    def clock_time(self, name: str) -> time:
        return parse_clock_time(name, getattr(self, name))

    def zone(self) -> tzinfo | None:
        """The time zone setting (None: unset)."""
        return zone_named(self.time_zone)

    def working_hours(self, tz: tzinfo | None) -> WorkingHours:
        start, end = self.clock_time("work_start"), self.clock_time("work_end")
        return WorkingHours(start, end, parse_days("work_days", self.work_days), tz)


#: the fields a settings dialog edits, in order (booleans and times are self-explaining)
SETTING_SPECS = (
    SettingSpec("thank_you_delay_minutes", "Thank-you note due after the interview", "min", 0, 720),
    SettingSpec("thank_you_cutoff", "Interviews ending after this get it next morning"),
    SettingSpec("morning", "Morning reminders at"),
    SettingSpec("no_reply_hours", "Follow up when no reply after", "hours", 1, 720),
    SettingSpec("check_in_days", "Check in every", "days", 1, 90),
    SettingSpec("check_in_cap", "Check-ins before suggesting No response", "", 0, 10),
    SettingSpec("prepare_evening", "Interview preparation the evening before at"),
    SettingSpec("feedback_delay_hours", "Feedback request after a rejection", "hours", 0, 720),
    SettingSpec("keep_in_touch_days", "Keep in touch after closing", "days", 1, 730),
    SettingSpec("offer_deadline_days", "Offer deadline reminder before", "days", 0, 30),
    SettingSpec("snooze_days", "Snooze for", "days", 1, 30),
    SettingSpec("quiet_hours", "Quiet hours (notifications wait until they end)"),
    SettingSpec("quiet_start", "Quiet hours start"),
    SettingSpec("quiet_end", "Quiet hours end"),
    SettingSpec("notifications", "Desktop notifications"),
    SettingSpec("keep_running_in_tray", "Keep running in the tray when the window closes"),
    SettingSpec("group_above", "Group notifications when more than", "", 1, 50),
    SettingSpec("time_zone", "Time zone (empty: this computer's)"),
    SettingSpec("work_start", "Working hours start"),
    SettingSpec("work_end", "Working hours end"),
    SettingSpec("work_days", "Working days (like Mon-Fri)"),
)


def _clean_zone(name: str, value: object) -> str:
    text = str(value).strip()
    if text and zone_named(text) is None:
        raise ValidationError(name, f"{text[:60]!r} is not a time zone like Europe/Berlin")
    return text


def _clean_days(name: str, value: object) -> str:
    return format_days(parse_days(name, value))


#: settings held as text that is not a time of day, and how each is checked and normalised
_TEXT_CLEANERS: dict[str, Callable[[str, object], str]] = {
    "time_zone": _clean_zone,
    "work_days": _clean_days,
}


def parse_clock_time(name: str, value: object) -> time:
    """ "HH:MM" as a time; a ValidationError naming the setting otherwise."""
    try:
        hours, minutes = str(value).split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ValidationError(name, f"{value!r} is not a time like 17:00") from None


def clean_settings(values: dict[str, Any]) -> FollowupSettings:
    """Validate changed settings over the defaults; raises ValidationError naming the field."""
    specs = {spec.name: spec for spec in SETTING_SPECS}
    defaults = FollowupSettings()
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name not in specs:
            raise ValidationError(name, "is not a follow-up setting")
        default = getattr(defaults, name)
        if name in _TEXT_CLEANERS:
            if not isinstance(value, str):
                raise ValidationError(name, "must be text")
            value = _TEXT_CLEANERS[name](name, value)
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise ValidationError(name, "must be true or false")
        elif isinstance(default, int):
            spec = specs[name]
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(
                    name, f"must be a whole number from {spec.low} to {spec.high}"
                )
            if not spec.low <= value <= spec.high:
                raise ValidationError(name, f"must be from {spec.low} to {spec.high}, not {value}")
        else:
            value = parse_clock_time(name, value).strftime("%H:%M")
        cleaned[name] = value
    result = replace(defaults, **cleaned)
    if result.clock_time("work_start") >= result.clock_time("work_end"):
        raise ValidationError("work_end", "must be later than the start of the working hours")
    return result


def load_settings(settings: SettingsService) -> FollowupSettings:
    """The stored settings; a stored value that no longer validates falls back to default."""
    return settings_from(settings.get(SETTINGS_KEY, {}))


def settings_from(stored: Any) -> FollowupSettings:
    """The settings a stored value holds, each one that no longer validates at its default."""
    if not isinstance(stored, dict):
        stored = {}  # written by something else: the defaults keep the rules working
    known = {f.name for f in fields(FollowupSettings)}
    values: dict[str, Any] = {}
    for name, value in stored.items():
        if name in known:
            try:
                clean_settings({name: value})
            except ValidationError:
                continue
            values[name] = value
    try:
        return clean_settings(values)
    except ValidationError:  # working hours that end before they start: the default hours
        return clean_settings({k: v for k, v in values.items() if not k.startswith("work_")})


def save_settings(settings: SettingsService, changes: dict[str, Any]) -> FollowupSettings:
    """Validate and store ``changes`` (other settings keep their values)."""
    merged = {**asdict(load_settings(settings)), **changes}
    cleaned = clean_settings(merged)
    defaults = asdict(FollowupSettings())
    settings.set(SETTINGS_KEY, {k: v for k, v in asdict(cleaned).items() if v != defaults[k]})
    return cleaned
