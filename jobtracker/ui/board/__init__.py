"""The kanban board: the cards in one plain-Python set, a list model and view per stage."""
