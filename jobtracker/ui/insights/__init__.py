"""The Insights window and the proof-of-search PDF: loaded only when opened or asked for."""
