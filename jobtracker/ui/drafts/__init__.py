"""The draft editor, the template editor and the pieces they share."""
