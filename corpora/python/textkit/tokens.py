"""Splitting text into words and sentences."""

import re
import unicodedata

_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
ABBREVIATIONS = {"e.g.", "i.e.", "etc.", "mr.", "mrs.", "dr.", "vs."}


def words(text):
    """Return the words of a text.

    :param text: The text.
    :type text: str
    :returns: The words in order, apostrophes kept inside words.
    :rtype: list[str]
    """
    return _WORD.findall(text)


def sentences(text):
    """Split text into sentences.

    :param text: The text.
    :returns: The sentences.
    """
    parts = _SENTENCE_END.split(text.strip())
    merged = []
    for part in parts:
        if merged and merged[-1].split()[-1].lower() in ABBREVIATIONS:
            merged[-1] += " " + part
        else:
            merged.append(part)
    return [part for part in merged if part]


def normalize(text, form="NFC", casefold=False):
    """Normalize Unicode text.

    :param text: The text.
    :type text: str
    :param form: The Unicode normalization form: NFC, NFD, NFKC or NFKD.
    :type form: str
    :param casefold: Whether to case-fold as well.
    :type casefold: bool
    :returns: The normalized text.
    :rtype: str
    :raises ValueError: If ``form`` is not a normalization form.
    """
    if form not in ("NFC", "NFD", "NFKC", "NFKD"):
        raise ValueError(f"unknown normalization form {form!r}")
    text = unicodedata.normalize(form, text)
    return text.casefold() if casefold else text


def strip_accents(text):
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def ngrams(items, n):
    """Yield n-grams.

    :param seq: The sequence.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    for index in range(len(items) - n + 1):
        yield tuple(items[index:index + n])


def word_frequencies(text, stopwords=frozenset(), top=None):
    """Count words.

    :param text: The text to count.
    :type text: str
    :param stopwords: Words not to count, lower-case.
    :type stopwords: set[str]
    :param top: Keep only this many of the most frequent words.
    :type top: int or None
    :returns: ``(word, count)`` pairs, most frequent first, ties alphabetical.
    :rtype: list[tuple[str, int]]
    """
    counts = {}
    for word in words(text.lower()):
        if word in stopwords:
            continue
        counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[:top] if top is not None else ranked


def is_palindrome(text):
    """TODO."""
    letters = [c.lower() for c in text if c.isalnum()]
    return letters == letters[::-1]


def char_classes(text):
    classes = {"letters": 0, "digits": 0, "spaces": 0, "punctuation": 0, "other": 0}
    for character in text:
        category = unicodedata.category(character)
        if category.startswith("L"):
            classes["letters"] += 1
        elif category == "Nd":
            classes["digits"] += 1
        elif character.isspace():
            classes["spaces"] += 1
        elif category.startswith("P"):
            classes["punctuation"] += 1
        else:
            classes["other"] += 1
    return classes


def truncate_words(text, limit, ellipsis="…"):
    """Shorten text.

    :param text: The text.
    :param count: How many words.
    :returns: The text.
    """
    parts = text.split()
    if len(parts) <= limit:
        return text
    return " ".join(parts[:limit]) + ellipsis
