"""Capture in the window: a link or a posting's text (pasted, dropped, or handed over by the
``jobtracker://capture`` link) becomes a new card, pre-filled for review before it is saved."""
