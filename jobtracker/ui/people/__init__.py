"""The People view: everyone of the search, edited in place, merged, with their timeline."""
