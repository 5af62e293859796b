"""Appositions after a name: "X, the Director of the Y Institute", "X, Pakistan's Minister".

An apposition gives the office as worded and whom it is held for: a state or body before the
office ("Pakistan's Federal Minister"), the body after "of", or the employer after "at"/"from".
"""
from __future__ import annotations

from kazgraph.loaders.model import Span
from kazgraph.loaders.entities.names import NOT_NAME, Token, offices
from kazgraph.loaders.entities.titles import (CONNECT, DETERMINERS, POSS, STOP_AFTER, Title, _entity,
                                     _is_title_word, _of_complement, _official, _singular,
                                     _word, is_head)


def title_after(text: str, tokens: list[Token], marks: list[str], j: int) -> Title | None:
    """An apposition after the name ending before token `j`: ", the Director of Y"."""
    if j >= len(tokens) or tokens[j].text != ",":
        return None
    p = j + 1
    clause = []
    while p < len(tokens) and tokens[p].text not in STOP_AFTER and len(clause) < 40:
        if "\n" in text[tokens[p - 1].end:tokens[p].start]:
            break
        if tokens[p].text in ("who", "which", "that", "said", "says", "noted"):
            break
        clause.append(p)
        p += 1
    if clause and _word(tokens[clause[0]]) in DETERMINERS:
        clause.pop(0)
    # before the head only demonyms, possessives and title words ("Pakistan's Federal Minister")
    head = None
    for n, q in enumerate(clause[:6]):
        t = tokens[q]
        if is_head(t) and not _entity(marks[q]):
            head = n
            break
        if not (_entity(marks[q]) or _is_title_word(t) or t.text in POSS or t.cap
                or t.text in ("and", "political", "economic", "independent", "leading")):
            return None
    if head is None:
        return None
    h = tokens[clause[head]]
    if h.text.lower().endswith("s") and _word(h) not in offices().heads:
        return None  # "X, Central Asian leaders hold ...": a plural is no apposition
    for n in range(head, len(clause) - 2):
        a, b, c = (tokens[q] for q in clause[n:n + 3])
        if (_is_title_word(a) or n == head) and _name_like(b, marks[clause[n + 1]]) \
                and _name_like(c, marks[clause[n + 2]]):
            return None  # "X, Kyrgyz Minister of Transport Y Z": a list, not an apposition
    first = next(n for n, q in enumerate(clause) if _is_title_word(tokens[q])
                 and not _entity(marks[q]) and tokens[q].text not in POSS)
    represents = next((marks[q] for q in reversed(clause[:first]) if _entity(marks[q])), None)
    body = clause[first:]
    end = len(body)
    for n, q in enumerate(body):
        t = tokens[q]
        if n > head - first and t.text.islower() and t.text not in CONNECT | {"at", "from", "in",
                                                                             "with"} \
                and not _is_title_word(t):
            end = n  # "leaders hold first summit": the role ends before a verb
            break
    body = body[:end]
    employer = None
    for n, q in enumerate(body):
        w = tokens[q].text
        if w in ("at", "from", "with", "in") and n > 0:
            end = min(end, n)
            if w != "in" and employer is None:
                # "head of the Y Center in Z at the W Council": the employer is W
                employer = body_name(text, tokens, marks, clause[first + n + 1:])
    if represents is None and end > 0:
        of_key, _ = _of_complement(tokens, marks, body[head - first] if head >= first else body[0],
                                   body[end - 1])
        represents = of_key or employer
        if represents is None and end > 1:
            k = next((n for n in range(end) if tokens[body[n]].text == "of"), None)
            if k is not None:
                represents = body_name(text, tokens, marks, body[k + 1:end])
    while end > 0 and tokens[body[end - 1]].text in CONNECT | set(POSS):
        end -= 1
    if end == 0:
        return None
    span = Span(tokens[clause[0]].start, tokens[body[end - 1]].end)
    role = _singular(text[tokens[body[0]].start:tokens[body[end - 1]].end])
    official = _official(role)
    return Title(role, represents, official, span)




def _name_like(token: Token, mark: str) -> bool:
    """A capitalised word that may start a person's name (not an office, body or function word)."""
    return token.cap and not mark and token.text not in NOT_NAME \
        and not _is_title_word(token)




def body_name(text: str, tokens: list[Token], marks: list[str], rest: list[int]) -> str | None:
    """The name of a body after "at"/"from"/"of": a state or organisation key, or its words."""
    n = 0
    if n < len(rest) and tokens[rest[n]].text == "the":
        n += 1
    if n < len(rest) and _entity(marks[rest[n]]):
        key = marks[rest[n]]
        m = n
        while m + 1 < len(rest) and marks[rest[m + 1]] == key:
            m += 1
        nxt = tokens[rest[m + 1]] if m + 1 < len(rest) else None
        if nxt is None or not (nxt.cap or nxt.text in ("for", "of", "and")):
            return key
    words = []
    while n < len(rest):
        t = tokens[rest[n]]
        if t.cap or t.text.isupper() or (t.text in ("for", "of", "and", "&", "on") and words):
            words.append(rest[n])
            n += 1
        else:
            break
    while words and tokens[words[-1]].text in ("for", "of", "and", "&", "on"):
        words.pop()
    if len(words) < 2:
        return None
    return text[tokens[words[0]].start:tokens[words[-1]].end]
