"""Text utilities: tokenizing, slugs, wrapping and templates (Sphinx-style docstrings)."""
