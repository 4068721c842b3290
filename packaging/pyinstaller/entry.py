"""The bundle's entry point: the same command line as the ``jobtracker`` script, and the
child that renders a person's templates (the bundle has no ``python -m``)."""

import sys

from jobtracker.domain.template_runner import SERVE_ARGUMENT, serve

if sys.argv[1:] == [SERVE_ARGUMENT]:
    serve()
    sys.exit(0)

from jobtracker.cli import main

sys.exit(main())
