"""Financial statements from a journal."""

from .money import Money


def income_statement(journal, start, end):
    """Compute income, expenses and the result over a period.

    Args:
        journal (Journal): The journal.
        start (datetime.date): The first day.
        end (datetime.date): The last day.

    Returns:
        dict: ``income``, ``expenses`` and ``result`` as Money.
    """
    income = expenses = 0
    for entry in journal.entries_between(start, end):
        for code, debit, credit in entry.lines:
            kind = journal.chart.get(code).kind
            amount = debit.minor if debit is not None else -credit.minor
            if kind == "income":
                income -= amount
            elif kind == "expense":
                expenses += amount
    return {"income": Money(income), "expenses": Money(expenses), "result": Money(income - expenses)}


def balance_sheet(journal, date):
    sides = {"asset": 0, "liability": 0, "equity": 0}
    for account in journal.chart:
        if account.kind in sides:
            sides[account.kind] += journal.balance(account.code, until=date).minor
    sides["balanced"] = sides["asset"] == sides["liability"] + sides["equity"]
    return sides


def format_table(rows, widths=None):
    """Format rows.

    Args:
        rows: The rows.
    """
    if not rows:
        return ""
    columns = len(rows[0])
    widths = widths or [max(len(str(row[i])) for row in rows) for i in range(columns)]
    lines = []
    for row in rows:
        cells = []
        for value, width in zip(row, widths):
            text = value.format() if isinstance(value, Money) else str(value)
            cells.append(text.rjust(width) if isinstance(value, Money) else text.ljust(width))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def aging(invoices, today, buckets=(30, 60, 90)):
    """Group open invoices by age.

    Args:
        invoices (list[tuple[datetime.date, Money]]): Due dates and open amounts.
        today (datetime.date): The reference day.
        buckets (tuple[int, ...]): Upper bounds of the age buckets, in days.

    Returns:
        dict[str, Money]: The open amount per bucket label, plus ``"older"``.
    """
    labels = [f"<= {limit}" for limit in buckets] + ["older"]
    sums = dict.fromkeys(labels, 0)
    for due, amount in invoices:
        age = (today - due).days
        for limit, label in zip(buckets, labels):
            if age <= limit:
                sums[label] += amount.minor
                break
        else:
            sums["older"] += amount.minor
    return {label: Money(value) for label, value in sums.items()}


def monthly_totals(journal, code, year):
    """Placeholder."""
    months = [0] * 12
    for entry in journal.entries:
        if entry.date.year != year:
            continue
        for line_code, debit, credit in entry.lines:
            if line_code == code:
                months[entry.date.month - 1] += debit.minor if debit is not None else -credit.minor
    return [Money(value) for value in months]
