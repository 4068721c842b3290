"""The document library over a fresh database, and real files to add to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.documents import make_docx, make_pdf

from jobtracker.domain.documents.service import DocumentService
from jobtracker.domain.services import Services


@pytest.fixture
def library(services: Services) -> DocumentService:
    return services.documents


@pytest.fixture
def resume_pdf(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "resume-backend.pdf", ["Ada Lovelace", "Kubernetes and Go"])


@pytest.fixture
def letter_docx(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "letter.docx", ["Dear hiring team,", "I love PostgreSQL."])
