"""Lexicon data files (see README.md)."""
