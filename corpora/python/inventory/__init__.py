"""Inventory: a small stock-keeping package used as DocHarness's demo corpus.

Its modules are documented in different styles and to different depths on purpose, so that
every score and rule has something to say about them.
"""

from .stock import Stock, StockError
from .pricing import apply_discount

__all__ = ["Stock", "StockError", "apply_discount"]
