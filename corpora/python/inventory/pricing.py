"""Prices and discounts (NumPy style)."""


def apply_discount(price, rate, minimum=0.0):
    """
    Apply a percentage discount to a price.

    Parameters
    ----------
    price : float
        The list price.
    rate : float
        The discount, between 0 and 1.

    Returns
    -------
    float
        The discounted price, never below ``minimum``.
    """
    if not 0 <= rate <= 1:
        raise ValueError("rate must be between 0 and 1")
    return max(minimum, price * (1 - rate))


def bulk_price(price, quantity, tiers):
    """Price for quantity.

    :param price: The unit price.
    :param quantity: How many units.
    :returns: The total.
    """
    total = price * quantity
    for threshold, rate in sorted(tiers, reverse=True):
        if quantity >= threshold:
            total = apply_discount(total, rate)
            break
    else:
        if quantity > 1000:
            total *= 0.99
    try:
        return round(total, 2)
    except TypeError:
        raise
