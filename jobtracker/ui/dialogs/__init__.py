"""Dialogs opened from the main window: card details, stages, a damaged database, settings."""
