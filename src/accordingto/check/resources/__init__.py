"""Lexicon data files of the sourcing check (see README.md)."""
