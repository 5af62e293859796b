"""One regular expression for a long list of names, shaped as a trie.

A plain alternation of thousands of city or state names makes the regex engine try every
name at every position of a text. Factoring the shared beginnings ("Ala" for Alaska,
Alamogordo, Almaty...) lets it drop all names of a wrong first letter at once, and the
match is the same: at each position the longest listed name that fits, the shorter ones
tried only when the longer ones fail what follows the group.

>>> import re
>>> p = re.compile(trie_alternation(["Almaty", "Alma", "Astana", "Ala"]))
>>> p.pattern
'A(?:l(?:a|ma(?:ty)?)|stana)'
>>> [m.group() for m in p.finditer("Almaty, Alma, Astana")]
['Almaty', 'Alma', 'Astana']
"""
from __future__ import annotations

import re

_END = ""  # the key marking that a name ends at a node


def _trie(names: list[str]) -> dict:
    root: dict = {}
    for name in names:
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return root


def _regex(node: dict) -> str:
    """The expression for the names below `node`, longer continuations tried first."""
    branches = []
    for ch in sorted(k for k in node if k != _END):
        child = node[ch]
        text = ch
        # a chain of single continuations is written as one literal run
        while len(child) == 1 and _END not in child:
            (nxt, child), = child.items()
            text += nxt
        rest = _regex(child) if child else ""
        branches.append(re.escape(text) + rest)
    if not branches:
        return ""
    if _END in node:
        # the name may end here: try the longer names first (greedy), then this one
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def trie_alternation(names: list[str]) -> str:
    """A regex (no groups that capture) matching any of `names`, longest first."""
    names = [n for n in set(names) if n]
    if not names:
        return "(?!)"
    return _regex(_trie(names))
