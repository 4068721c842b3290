"""jobtracker: a desktop job-search organizer that makes follow-up hard to forget."""

__version__ = "0.1.0"

#: One reverse-DNS id for the desktop file, the window, notifications, metainfo and icon.
APP_ID = "io.github.jobtracker.JobTracker"
APP_NAME = "jobtracker"
