"""A small double-entry bookkeeping library (Google-style docstrings)."""

from .accounts import Account, Chart
from .entries import Entry, Journal
from .money import Money

__all__ = ["Account", "Chart", "Entry", "Journal", "Money"]
