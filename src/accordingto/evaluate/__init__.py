"""Scoring attributions against BRAT standoff gold (PolNeAR)."""
