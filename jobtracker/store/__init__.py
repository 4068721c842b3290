"""Persistence: the SQLite file, its schema and migrations, locks and backups (peewee, no Qt)."""
