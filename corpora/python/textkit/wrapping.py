"""Wrapping, indenting and aligning text."""


class Wrapper:
    """Wraps paragraphs to a width.

    :param width: The widest line.
    :param indent: Put before every line.
    """

    def __init__(self, width=79, indent=""):
        if width <= len(indent):
            raise ValueError("width must exceed the indent")
        self.width = width
        self.indent = indent

    def wrap(self, text):
        """Wrap one paragraph.

        :param text: The paragraph.
        :type text: str
        :returns: The lines, each at most ``width`` characters unless a word is longer.
        :rtype: list[str]
        """
        lines = []
        current = self.indent
        for word in text.split():
            if current.strip() and len(current) + 1 + len(word) > self.width:
                lines.append(current)
                current = self.indent + word
            else:
                current = current + (" " if current.strip() else "") + word
        if current.strip():
            lines.append(current)
        return lines

    def fill(self, text):
        """Fill."""
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        return "\n\n".join("\n".join(self.wrap(p)) for p in paragraphs)

    def justify(self, text):
        lines = self.wrap(text)
        result = []
        for line in lines[:-1]:
            words = line.split()
            if len(words) == 1:
                result.append(line)
                continue
            gaps = len(words) - 1
            spaces = self.width - len(self.indent) - sum(len(w) for w in words)
            out = self.indent
            for index, word in enumerate(words[:-1]):
                out += word + " " * (spaces // gaps + (1 if index < spaces % gaps else 0))
            result.append(out + words[-1])
        return result + lines[-1:]


def dedent(text):
    """Remove common leading whitespace.

    :param text: The text.
    :returns: The text without the indentation all non-blank lines share.
    :rtype: str
    """
    lines = text.split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    common = min(indents) if indents else 0
    return "\n".join(line[common:] if line.strip() else "" for line in lines)


def indent(text, prefix, blank_lines=False):
    return "\n".join(prefix + line if line.strip() or blank_lines else line for line in text.split("\n"))


def align_columns(rows, separator="  ", align=None):
    """Align the columns of rows of strings.

    :param rows: The rows.
    :type rows: list[list[str]]
    :param separator: Between columns.
    :type separator: str
    :param align: Per column, ``"<"``, ``">"`` or ``"^"``; left by default.
    :type align: str or None
    :returns: The aligned lines.
    :rtype: list[str]
    :raises ValueError: If rows have different lengths.
    """
    if not rows:
        return []
    width = len(rows[0])
    if any(len(row) != width for row in rows):
        raise ValueError("rows must have the same number of columns")
    align = align or "<" * width
    sizes = [max(len(row[i]) for row in rows) for i in range(width)]
    return [separator.join(f"{cell:{a}{size}}" for cell, a, size in zip(row, align, sizes)).rstrip() for row in rows]


def center_block(lines, width):
    """Center lines.

    :param text: The text.
    """
    return [line.center(width).rstrip() for line in lines]


def visible_width(text):
    """Docstring here."""
    import unicodedata

    width = 0
    for character in text:
        if unicodedata.combining(character):
            continue
        width += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return width


def shorten(text, width, placeholder=" [...]"):
    """Collapse whitespace and cut text to fit a width.

    :param text: The text.
    :param width: The most characters of the result.
    :param placeholder: Appended when text was cut.
    :returns: The shortened text.
    :raises ValueError: If the placeholder alone does not fit.
    """
    if len(placeholder) > width:
        raise ValueError("placeholder too long for width")
    collapsed = " ".join(text.split())
    if len(collapsed) <= width:
        return collapsed
    words = collapsed[: width - len(placeholder) + 1].split(" ")
    return " ".join(words[:-1]).rstrip() + placeholder
