"""Installs the top-level resources/ folder as the data package ``jobtracker.resources``.

Everything else about the project is declared in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["jobtracker", "jobtracker.*"]), "jobtracker.resources"],
    package_dir={"jobtracker.resources": "resources"},
    package_data={"jobtracker.resources": ["**/*"]},
    exclude_package_data={"jobtracker.resources": ["**/__pycache__/*"]},
)
