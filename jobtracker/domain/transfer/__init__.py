"""Getting data in and out: CSV from spreadsheets and other trackers, JSON backups,
CSV and activity-log exports, and an iCalendar feed of interviews and reminders."""
