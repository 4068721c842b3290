"""The command's exit codes, shared by the command line and the window's start."""

#: a request the data refuses (unknown id, invalid field)
EXIT_REFUSED = 1
#: wrong usage (argparse's own)
EXIT_USAGE = 2
#: a database that cannot be opened or written (locked, newer, damaged, disk full), or no
#: display for the window
EXIT_DATABASE = 3
#: interrupted (Ctrl+C)
EXIT_INTERRUPTED = 130
#: no display to open the window on, or Qt's display support cannot load
EXIT_NO_DISPLAY = 4
#: a job posting that could not be fetched or read (capture)
EXIT_CAPTURE = 5
