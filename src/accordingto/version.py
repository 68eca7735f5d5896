"""The package version; the analysis version adds the spaCy pipeline's name and version."""

__version__ = "0.1.0"
