"""URL slugs and identifiers."""

import re

from .tokens import strip_accents

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text, separator="-", max_length=None):
    """Make a URL slug.

    :param text: The title or phrase.
    :type text: str
    :param separator: What joins the words.
    :type separator: str
    :param max_length: Cut the slug at a word boundary to at most this many characters.
    :type max_length: int or None
    :returns: Lower-case ASCII words joined by ``separator``.
    :rtype: str
    """
    slug = _NON_WORD.sub(separator, strip_accents(text).lower()).strip(separator)
    if max_length is not None and len(slug) > max_length:
        cut = slug[:max_length]
        if separator in cut and slug[max_length:max_length + 1] not in ("", separator):
            cut = cut.rsplit(separator, 1)[0]
        slug = cut.strip(separator)
    return slug


def unique_slug(text, taken):
    """Make a slug no one has.

    :param text: The title.
    :param taken: Slugs already in use.
    :type taken: set[str]
    :returns: The slug, with ``-2``, ``-3``… added when needed.
    :rtype: str
    """
    base = slugify(text) or "item"
    candidate = base
    number = 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def snake_case(name):
    """Convert.

    :param name: A name.
    """
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return name.replace("-", "_").lower()


def camel_case(name, upper_first=False):
    parts = [part for part in re.split(r"[_\-\s]+", name) if part]
    if not parts:
        return ""
    head = parts[0].capitalize() if upper_first else parts[0].lower()
    return head + "".join(part.capitalize() for part in parts[1:])


def is_identifier(text):
    """Return whether ``text`` is a valid, non-keyword Python identifier.

    :param text: The candidate.
    :type text: str
    :rtype: bool
    """
    import keyword

    return text.isidentifier() and not keyword.iskeyword(text)


def safe_filename(name, replacement="_", max_bytes=255):
    """Make a file name safe on common file systems.

    :param name: The wanted name.
    :param replacement: What replaces forbidden characters.
    :param max_bytes: The most UTF-8 bytes the name may have.
    :returns: The safe name.
    :raises ValueError: If nothing usable is left.
    """
    cleaned = re.sub(r'[<>:"/\\|?*\x00-\x1f]', replacement, name).strip(" .")
    reserved = {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
    if cleaned.split(".")[0].upper() in reserved:
        cleaned = replacement + cleaned
    encoded = cleaned.encode("utf-8")
    if len(encoded) > max_bytes:
        cleaned = encoded[:max_bytes].decode("utf-8", errors="ignore")
    if not cleaned:
        raise ValueError(f"no usable file name in {name!r}")
    return cleaned
