"""The document library in the window: adding off the GUI thread, the details dialog's
Documents tab, the library view, drops on the window and on cards."""
