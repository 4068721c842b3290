"""The filter bar, saved views, column sorting and the Tags manager."""
