"""The subcommands' own error, in a module of its own: the command line catches it on every
start, the window's included, which loads none of the subcommands' helpers."""

from __future__ import annotations


class CommandError(Exception):
    """A command-line mistake found after parsing (a missing file, a bad value ...)."""
