"""Read a flattened article safely: size, encoding and binary checks with one-line errors."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

#: Articles are at most a few hundred kB; anything far bigger is not one article.
MAX_BYTES = 8 * 1024 * 1024
#: Control characters other than tab/newline/CR make the text binary.
_CONTROL = {c for c in range(32) if c not in (9, 10, 13)}


def read_article(path: Path, *, max_bytes: int = MAX_BYTES) -> str:
    """The article's text with normalised newlines, or :class:`InputError`."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a text file")
    if size > max_bytes:
        raise InputError(
            f"{path}: {size / 1e6:.1f} MB is too large for one article "
            f"(limit {max_bytes / 1e6:.0f} MB)"
        )
    data = path.read_bytes()
    return decode_article(data, str(path))


def decode_article(data: bytes, name: str) -> str:
    if not data.strip():
        raise InputError(f"{name}: the article is empty")
    if data[:4096].count(b"\x00") or sum(b in _CONTROL for b in data[:4096]) > 8:
        raise InputError(f"{name}: looks like a binary file, not a flattened article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{name}: not UTF-8 (byte 0x{data[exc.start]:02x} at line {line}); "
            "convert it with iconv first"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")
