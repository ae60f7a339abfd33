"""recon: cross-source fact reconciliation."""

__version__ = "0.1.0"
