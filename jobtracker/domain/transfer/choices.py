"""The choices imports and exports offer, apart from the readers and writers, so the command
line can list them without loading those."""

#: what to do with a row matching an existing application
DUPLICATE_CHOICES = ("skip", "merge")
#: what to do with columns jobtracker has no field for
UNKNOWN_COLUMN_CHOICES = ("notes", "drop")
EXPORT_KINDS = ("csv", "json", "activity", "ics", "bundle")
