"""Reading digests from files: plain text, saved HTML pages, RSS/Atom feeds, folders.

(First cut: plain text only; the structure helper extends it.)
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass
class RawDigest:
    """A digest's text and what the file (or feed, or page) says about it."""

    text: str
    source: str
    published: str | None = None
    title: str | None = None
    url: str | None = None


def read_path(path: str | Path, *, published: str | None = None) -> Iterator[RawDigest]:
    """Yield the digests in a file or folder."""
    path = Path(path)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        yield RawDigest(text=file.read_text(encoding="utf-8"), source=file.name,
                        published=published)
