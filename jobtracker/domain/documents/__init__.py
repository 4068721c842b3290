"""The document library: resumes, cover letters and other files, and where each was sent."""
