"""Plane geometry: vectors, shapes and polygon algorithms (NumPy-style docstrings)."""
