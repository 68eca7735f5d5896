"""Data files for cleaning (see README.md)."""
