"""Normalization: quantities, times, scripts and names made comparable."""
