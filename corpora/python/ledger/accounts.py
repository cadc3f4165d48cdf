"""Accounts and the chart of accounts."""

import re

KINDS = ("asset", "liability", "equity", "income", "expense")
_CODE = re.compile(r"^\d{3,6}$")


class Account:
    """One account of the chart.

    Args:
        code (str): A numeric code of three to six digits.
        name (str): The display name.
        kind (str): One of ``KINDS``.
    """

    def __init__(self, code, name, kind):
        if not _CODE.match(code):
            raise ValueError(f"bad account code {code!r}")
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        self.code = code
        self.name = name
        self.kind = kind
        self.parent = None

    @property
    def is_debit_normal(self):
        """bool: Whether the account's balance grows with debits."""
        return self.kind in ("asset", "expense")

    def path(self):
        """Return the codes from the root account down to this one.

        Returns:
            list[str]: The codes, root first.
        """
        codes = []
        node = self
        while node is not None:
            codes.append(node.code)
            node = node.parent
        return list(reversed(codes))

    def __repr__(self):
        return f"Account({self.code!r}, {self.name!r}, {self.kind!r})"


class Chart:
    """A chart of accounts."""

    def __init__(self):
        self._accounts = {}

    def add(self, account, parent=None):
        """Add an account.

        Args:
            account (Account): The account to add.
            parent (str): The code of the parent account, if any.

        Raises:
            KeyError: If ``parent`` is not in the chart.
            ValueError: If the code is already used.
        """
        if account.code in self._accounts:
            raise ValueError(f"duplicate code {account.code}")
        if parent is not None:
            account.parent = self._accounts[parent]
        self._accounts[account.code] = account
        return account

    def get(self, code):
        return self._accounts[code]

    def find(self, text):
        """Find accounts.

        Args:
            query: Text to look for.

        Returns:
            The account.
        """
        text = text.lower()
        return [a for a in self._accounts.values() if text in a.name.lower() or a.code.startswith(text)]

    def children(self, code):
        """Docstring."""
        return [a for a in self._accounts.values() if a.parent is not None and a.parent.code == code]

    def descendants(self, code):
        """Yield every account below ``code``, depth first.

        Args:
            code (str): The code of the top account.

        Yields:
            Account: Each descendant, parents before children.
        """
        for child in sorted(self.children(code), key=lambda a: a.code):
            yield child
            yield from self.descendants(child.code)

    def by_kind(self):
        grouped = {kind: [] for kind in KINDS}
        for account in self._accounts.values():
            grouped[account.kind].append(account)
        return grouped

    def validate(self):
        """Check the chart for cycles and kind mismatches.

        Returns:
            list[str]: A message per problem; empty when the chart is sound.
        """
        problems = []
        for account in self._accounts.values():
            seen = set()
            node = account
            while node.parent is not None:
                if node.code in seen:
                    problems.append(f"cycle through {node.code}")
                    break
                seen.add(node.code)
                if node.parent.kind != node.kind:
                    problems.append(f"{node.code} is {node.kind} under {node.parent.kind} {node.parent.code}")
                node = node.parent
        return problems

    def __len__(self):
        return len(self._accounts)

    def __iter__(self):
        return iter(sorted(self._accounts.values(), key=lambda a: a.code))


def default_chart():
    chart = Chart()
    for code, name, kind in [("1000", "Assets", "asset"), ("2000", "Liabilities", "liability"), ("3000", "Equity", "equity"),
                             ("4000", "Income", "income"), ("5000", "Expenses", "expense")]:
        chart.add(Account(code, name, kind))
    chart.add(Account("1100", "Cash", "asset"), parent="1000")
    chart.add(Account("1200", "Receivables", "asset"), parent="1000")
    chart.add(Account("5100", "Rent", "expense"), parent="5000")
    return chart


def parse_code(text):
    """Parse an account code.

    Args:
        text (str): Text such as ``"1100 Cash"``.

    Returns:
        str: The code part.
    """
    head = text.strip().split(" ", 1)[0]
    if not _CODE.match(head):
        raise ValueError(f"no account code in {text!r}")
    return head
