"""Plain words for a query the engine cannot read: empty texts and undeclared prefixes.

The engine's own message stays first; this only adds what it leaves unsaid (pyoxigraph
reports an unknown prefix as "expected OPTIONAL" or a list of characters).
"""
from __future__ import annotations

import re

from kazgraph.server.guard import bare as _bare
from kazgraph.store.rdfio import PREFIXES

# A prefixed name's prefix, once strings, IRIs and comments are blanked: `kg:` in `kg:party`,
# never a variable (`?x`), a blank node (`_:b`) or the inside of a word.
_PREFIX_USE = re.compile(r"(?<![\w?$:.\-\\])([A-Za-z][\w.-]*)?:")
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?:", re.IGNORECASE)


# The outermost query's LIMIT: its solution modifiers close the text (a subquery's sit
# inside braces, a trailing VALUES block ends in one).
_TRAILING_LIMIT = re.compile(r"(?:\bLIMIT\s+(\d+)(?:\s+OFFSET\s+\d+)?"
                             r"|\bOFFSET\s+\d+\s+LIMIT\s+(\d+))\s*$", re.IGNORECASE)


def outer_limit(text: str) -> int | None:
    """The LIMIT of the outermost query, when it has one."""
    m = _TRAILING_LIMIT.search(_bare(text))
    return int(m.group(1) or m.group(2)) if m else None


def is_empty(text: str) -> bool:
    """Whether the text holds nothing but white space and comments."""
    return not _bare(text).strip()


def undeclared_prefixes(text: str) -> list[str]:
    """Prefixes the text uses without a PREFIX line and the engine does not know."""
    bare = _bare(text)
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(bare)} | set(PREFIXES)
    used = [m.group(1) or "" for m in _PREFIX_USE.finditer(bare)]
    return [p for p in dict.fromkeys(used) if p not in declared]


def explain(message: str, text: str, limit: int = 300) -> str:
    """The engine's message made short, with a note naming any undeclared prefix."""
    message = " ".join(message.split())
    if len(message) > limit:
        message = message[:limit].rstrip() + " ..."
    missing = undeclared_prefixes(text)
    if missing:
        names = ", ".join(f"{p}:" for p in missing)
        message += (f" (unknown prefix {names}: declare it with PREFIX {missing[0]}: <IRI>; "
                    f"known without PREFIX: {', '.join(p + ':' for p in PREFIXES)})")
    return message
