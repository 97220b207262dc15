"""Seeded generator of synthetic case data (see data/synthetic/README.md)."""
