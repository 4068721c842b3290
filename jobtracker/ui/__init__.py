"""Qt widgets. They call domain services and never touch SQL or peewee."""

from jobtracker.ui.none_refcount import protect_none

protect_none()
