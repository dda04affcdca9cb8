"""Text handling shared by every backend: normalisation, terms, highlighting, spelling."""
