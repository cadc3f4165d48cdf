"""Amounts of money in integer minor units."""

from decimal import ROUND_HALF_EVEN, Decimal


class CurrencyMismatch(ValueError):
    """Raised when two amounts in different currencies are combined."""


class Money:
    """An amount of money in one currency, kept in minor units (cents).

    Attributes:
        minor: The amount in minor units.
        currency: The ISO 4217 code, such as ``"EUR"``.
    """

    def __init__(self, minor, currency="EUR"):
        """Create an amount.

        Args:
            minor (int): The amount in minor units.
            currency (str): The ISO 4217 currency code.

        Raises:
            TypeError: If ``minor`` is not an integer.
        """
        if not isinstance(minor, int):
            raise TypeError("minor units must be an int")
        self.minor = minor
        self.currency = currency.upper()

    @classmethod
    def parse(cls, text, currency="EUR"):
        """Parse a decimal string such as ``"12.30"``.

        Args:
            text (str): The amount in major units.
            currency (str): The currency code.

        Returns:
            Money: The parsed amount, rounded half to even.
        """
        value = Decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
        return cls(int(value * 100), currency)

    def _check(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            raise CurrencyMismatch(f"{self.currency} != {other.currency}")
        return None

    def __add__(self, other):
        self._check(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other):
        """Subtract."""
        self._check(other)
        return Money(self.minor - other.minor, self.currency)

    def allocate(self, ratios):
        """Split the amount.

        Args:
            parts: How many parts.
        """
        total = sum(ratios)
        if total <= 0:
            raise ValueError("ratios must sum to a positive number")
        shares = [self.minor * ratio // total for ratio in ratios]
        remainder = self.minor - sum(shares)
        for index in range(remainder):
            shares[index % len(shares)] += 1
        return [Money(share, self.currency) for share in shares]

    def scale(self, factor):
        """TODO: document this."""
        value = Decimal(self.minor) * Decimal(str(factor))
        return Money(int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN)), self.currency)

    def format(self, symbol=True, grouping=True):
        sign = "-" if self.minor < 0 else ""
        major, minor = divmod(abs(self.minor), 100)
        text = f"{major:,}" if grouping else str(major)
        text = f"{sign}{text}.{minor:02d}"
        if symbol:
            symbols = {"EUR": "€", "USD": "$", "GBP": "£"}
            return symbols.get(self.currency, self.currency + " ") + text
        return text

    def is_zero(self):
        """Return whether the amount is zero.

        Returns:
            bool: True for zero in any currency.
        """
        return self.minor == 0

    def __eq__(self, other):
        return isinstance(other, Money) and (self.minor, self.currency) == (other.minor, other.currency)

    def __hash__(self):
        return hash((self.minor, self.currency))


def total(amounts, currency="EUR"):
    """Add up amounts.

    Args:
        amounts (Iterable[Money]): The amounts to add.
        currency (str): The currency of the result when ``amounts`` is empty.

    Returns:
        Money: The sum.

    Raises:
        CurrencyMismatch: If the amounts are in different currencies.
    """
    result = Money(0, currency)
    for amount in amounts:
        if result.is_zero() and result.currency != amount.currency:
            result = Money(0, amount.currency)
        result = result + amount
    return result


def convert(amount, rate, currency):
    """Converts."""
    return Money(int(Decimal(amount.minor) * Decimal(str(rate))), currency)


def round_to(amount, step):
    if step <= 0:
        raise ValueError("step must be positive")
    remainder = amount.minor % step
    if remainder * 2 >= step:
        return Money(amount.minor - remainder + step, amount.currency)
    return Money(amount.minor - remainder, amount.currency)
