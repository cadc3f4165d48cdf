"""Comparing texts: edit distance, longest common subsequence and line diffs."""


def levenshtein(a, b):
    """Return the edit distance between two strings.

    :param a: The first string.
    :type a: str
    :param b: The second string.
    :type b: str
    :returns: The least number of insertions, deletions and substitutions.
    :rtype: int
    """
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def similarity(a, b):
    """Similarity.

    :param x: A string.
    """
    if not a and not b:
        return 1.0
    return 1 - levenshtein(a, b) / max(len(a), len(b))


def lcs(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    result = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            result.append(a[i])
            i += 1
            j += 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return result


def line_diff(old, new):
    """Yield the lines of a minimal diff.

    :param old: The old text.
    :type old: str
    :param new: The new text.
    :type new: str
    :returns: Lines starting with ``"  "``, ``"- "`` or ``"+ "``.
    """
    old_lines = old.splitlines()
    new_lines = new.splitlines()
    common = lcs(old_lines, new_lines)
    i = j = 0
    for line in common:
        while old_lines[i] != line:
            yield "- " + old_lines[i]
            i += 1
        while new_lines[j] != line:
            yield "+ " + new_lines[j]
            j += 1
        yield "  " + line
        i += 1
        j += 1
    for line in old_lines[i:]:
        yield "- " + line
    for line in new_lines[j:]:
        yield "+ " + line


def closest(word, candidates, cutoff=0.6):
    """Find the closest candidate.

    :param word: The word to match.
    :param candidates: The words to choose from.
    :param cutoff: The least similarity accepted.
    :returns: The best candidate, or None when none reaches the cutoff.
    :raises ValueError: If the cutoff is outside 0 to 1.
    """
    if not 0 <= cutoff <= 1:
        raise ValueError("cutoff must be between 0 and 1")
    best, best_score = None, cutoff
    for candidate in candidates:
        score = similarity(word, candidate)
        if score >= best_score:
            best, best_score = candidate, score
    return best


def hamming(a, b):
    """Hamming.

    :raises ValueError: If lengths differ.
    """
    if len(a) != len(b):
        raise ValueError("strings must have the same length")
    return sum(x != y for x, y in zip(a, b))


def common_prefix(strings):
    if not strings:
        return ""
    shortest = min(strings, key=len)
    for index, character in enumerate(shortest):
        if any(s[index] != character for s in strings):
            return shortest[:index]
    return shortest


def changed_ratio(old, new):
    """Return the share of lines that changed.

    :param old: The old text.
    :param new: The new text.
    :returns: Changed lines over all lines, 0 when both are empty.
    :rtype: float
    """
    lines = list(line_diff(old, new))
    if not lines:
        return 0.0
    return sum(1 for line in lines if not line.startswith("  ")) / len(lines)


def unified_header(old_name, new_name):
    """Placeholder docstring."""
    return [f"--- {old_name}", f"+++ {new_name}"]


def apply_patch(text, diff_lines):
    result = []
    source = iter(text.splitlines())
    for line in diff_lines:
        tag, content = line[:2], line[2:]
        if tag == "  ":
            if next(source) != content:
                raise ValueError(f"context mismatch at {content!r}")
            result.append(content)
        elif tag == "- ":
            if next(source) != content:
                raise ValueError(f"deletion mismatch at {content!r}")
        elif tag == "+ ":
            result.append(content)
        else:
            raise ValueError(f"bad diff line {line!r}")
    return "\n".join(result)
