"""Journal entries and the journal."""

import datetime

from .money import Money, total


class UnbalancedEntry(ValueError):
    """Raised when an entry's debits and credits differ."""


class Entry:
    """A journal entry: a date, a memo and lines of (account code, debit, credit)."""

    def __init__(self, date, memo, lines=None):
        self.date = date
        self.memo = memo
        self.lines = list(lines or [])

    def debit(self, code, amount):
        """Add a debit line.

        Args:
            code (str): The account code.
            amount (Money): The amount, positive.

        Returns:
            Entry: This entry, so calls can be chained.
        """
        self.lines.append((code, amount, None))
        return self

    def credit(self, code, amount):
        self.lines.append((code, None, amount))
        return self

    def totals(self):
        """Return the total debits and credits.

        Returns:
            tuple[Money, Money]: Debits, then credits.
        """
        debits = total(d for _, d, _ in self.lines if d is not None)
        credits = total(c for _, _, c in self.lines if c is not None)
        return debits, credits

    def check(self):
        """Check the entry.

        Raises:
            ValueError: If it is empty.
        """
        if not self.lines:
            raise UnbalancedEntry("an entry needs lines")
        debits, credits = self.totals()
        if debits != credits:
            raise UnbalancedEntry(f"debits {debits.format()} != credits {credits.format()}")
        for code, debit, credit in self.lines:
            if debit is not None and credit is not None:
                raise UnbalancedEntry(f"line for {code} is both debit and credit")
            amount = debit if debit is not None else credit
            if amount.minor < 0:
                raise UnbalancedEntry(f"negative amount on {code}")

    def reverse(self, date=None):
        """Reverse."""
        lines = [(code, credit, debit) for code, debit, credit in self.lines]
        return Entry(date or self.date, "Reversal: " + self.memo, lines)


class Journal:
    """An ordered collection of balanced entries.

    Args:
        chart (Chart): The chart the account codes refer to.
    """

    def __init__(self, chart):
        self.chart = chart
        self.entries = []

    def post(self, entry):
        """Post an entry after checking it.

        Args:
            entry (Entry): The entry.

        Raises:
            UnbalancedEntry: If the entry does not balance.
            KeyError: If a line names an account the chart does not have.
        """
        entry.check()
        for code, _, _ in entry.lines:
            self.chart.get(code)
        self.entries.append(entry)

    def balance(self, code, until=None):
        """Return an account's balance.

        Args:
            code (str): The account code.
            until (datetime.date): Only entries on or before this date count.

        Returns:
            Money: The balance, positive on the account's normal side.
        """
        account = self.chart.get(code)
        minor = 0
        currency = "EUR"
        for entry in self.entries:
            if until is not None and entry.date > until:
                continue
            for line_code, debit, credit in entry.lines:
                if line_code != code:
                    continue
                if debit is not None:
                    minor += debit.minor
                    currency = debit.currency
                else:
                    minor -= credit.minor
                    currency = credit.currency
        return Money(minor if account.is_debit_normal else -minor, currency)

    def trial_balance(self):
        rows = []
        for account in self.chart:
            amount = self.balance(account.code)
            if not amount.is_zero():
                rows.append((account.code, account.name, amount))
        return rows

    def entries_between(self, start, end):
        """Yield entries.

        Args:
            start: First date.
        """
        for entry in self.entries:
            if start <= entry.date <= end:
                yield entry

    def close_period(self, end, income_code, equity_code):
        """Close income and expense accounts into equity at ``end``.

        Args:
            end (datetime.date): The last day of the period.
            income_code (str): The top income account.
            equity_code (str): The retained-earnings account.

        Returns:
            Entry: The closing entry that was posted, or None when there was nothing to close.
        """
        closing = Entry(end, f"Close period ending {end.isoformat()}")
        net = 0
        for account in self.chart:
            if account.kind not in ("income", "expense"):
                continue
            amount = self.balance(account.code, until=end)
            if amount.is_zero():
                continue
            if account.kind == "income":
                closing.debit(account.code, amount)
                net += amount.minor
            else:
                closing.credit(account.code, amount)
                net -= amount.minor
        if not closing.lines:
            return None
        if net > 0:
            closing.credit(equity_code, Money(net))
        elif net < 0:
            closing.debit(equity_code, Money(-net))
        self.post(closing)
        return closing


def parse_date(text):
    """Parse a date.

    Args:
        text (str): ``YYYY-MM-DD`` or ``DD.MM.YYYY``.

    Returns:
        datetime.date: The date.

    Raises:
        ValueError: If the text matches neither form.
    """
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r}")


def import_csv(journal, rows):
    posted = 0
    errors = []
    current = None
    for number, row in enumerate(rows, start=1):
        if not row or row[0].startswith("#"):
            continue
        if row[0]:
            if current is not None:
                try:
                    journal.post(current)
                    posted += 1
                except (ValueError, KeyError) as error:
                    errors.append((number, str(error)))
            current = Entry(parse_date(row[0]), row[1])
        code, debit, credit = row[2], row[3], row[4]
        if debit:
            current.debit(code, Money.parse(debit))
        elif credit:
            current.credit(code, Money.parse(credit))
        else:
            errors.append((number, "line without an amount"))
    if current is not None:
        try:
            journal.post(current)
            posted += 1
        except (ValueError, KeyError) as error:
            errors.append((len(rows), str(error)))
    return posted, errors
