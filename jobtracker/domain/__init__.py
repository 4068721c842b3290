"""Domain services: plain Python over the store, shared by the window and the command line."""
