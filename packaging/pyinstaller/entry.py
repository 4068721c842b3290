"""The bundle's entry point: the same command line as the ``jobtracker`` script."""

import sys

from jobtracker.cli import main

sys.exit(main())
