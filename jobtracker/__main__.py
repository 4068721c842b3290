"""``python -m jobtracker`` runs the command line (the GUI by default)."""

import sys

from jobtracker.cli import main

sys.exit(main())
