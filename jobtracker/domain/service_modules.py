"""The modules :func:`jobtracker.domain.services.open_services` builds on, each after the
ones it needs: a window that opens the services after its first paint imports them a module
per turn of its event loop, so that no one turn holds it long."""

#: the database layer, the store's tables, the board's service, then every service
SERVICE_MODULES = (
    "peewee",
    "jobtracker.store.models",
    "jobtracker.domain.board",
    "jobtracker.domain.services",
)
