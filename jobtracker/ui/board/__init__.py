"""The kanban board: one card model, a filtering proxy and a list view per stage."""
