"""Stock levels per item, with reservations (Google style)."""

from __future__ import annotations

from dataclasses import dataclass, field


class StockError(Exception):
    """Raised when a reservation cannot be met."""


@dataclass
class Stock:
    """Quantities on hand and reserved, per SKU.

    Attributes:
        on_hand: Units physically in the warehouse, by SKU.
        reserved: Units promised to open orders, by SKU.
    """

    on_hand: dict[str, int] = field(default_factory=dict)
    reserved: dict[str, int] = field(default_factory=dict)

    def available(self, sku: str) -> int:
        """Return the units of ``sku`` that can still be promised.

        Args:
            sku: The stock-keeping unit.

        Returns:
            On-hand units minus reserved units, never below zero.
        """
        return max(0, self.on_hand.get(sku, 0) - self.reserved.get(sku, 0))

    def reserve(self, sku: str, quantity: int, *, partial: bool = False) -> int:
        """Reserve units of an item.

        Args:
            sku: The stock-keeping unit.
            quantity: How many units to reserve; must be positive.

        Returns:
            The number of units reserved.

        Raises:
            ValueError: If ``quantity`` is not positive.
        """
        if quantity <= 0:
            raise ValueError(f"quantity must be positive, got {quantity}")
        free = self.available(sku)
        if free < quantity:
            if not partial:
                raise StockError(f"only {free} of {sku} available")
            quantity = free
        self.reserved[sku] = self.reserved.get(sku, 0) + quantity
        return quantity

    def receive(self, shipments):
        for sku, quantity in shipments:
            if quantity < 0:
                continue
            self.on_hand[sku] = self.on_hand.get(sku, 0) + quantity

    def history(self, sku):
        """Get history."""
        for event in self._events:
            if event.sku == sku:
                yield event
