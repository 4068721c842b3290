"""Qt widgets. They call domain services and never touch SQL or peewee."""
