"""A sentence splitter for news English that knows abbreviations, initials and quotes.

>>> text = "Talks with U.S. officials began on Sept. 3. Dr. J. Smith spoke."
>>> [text[a:b] for a, b in split_sentences(text)]
['Talks with U.S. officials began on Sept. 3.', 'Dr. J. Smith spoke.']
"""
from __future__ import annotations

import re

# Words that end with a full stop without ending a sentence.
ABBREVIATIONS = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat sun
mr mrs ms dr prof st mt gen sen rep gov lt col capt maj sgt adm cmdr jr sr rev hon pres
no nos vol vols fig figs p pp vs etc inc ltd co corp bros dept univ assn est approx
ave blvd rd al e.g i.e u.s u.k u.n u.s.a e.u a.m p.m
""".split())

_CAN_END = frozenset("u.s u.k u.n u.s.a e.u etc inc ltd co corp bros a.m p.m".split())
_OPENERS = frozenset("""The This That These Those It Its He She They We I In On At As A An
But However Meanwhile Also And Yet Still Moreover Furthermore According After Before
During While When Since Although Both Its Their His Her Our There Today""".split())

# A candidate end: . ! ? (or …) with closing quotes/brackets, then space, then a start.
_END = re.compile(r"[.!?…]+[”’\"')\]]*(?=\s+[“‘\"'(\[]?[A-Z0-9])")
_NEXT_WORD = re.compile(r"\s*[“\"']?(\w+)")
# No sentence of a real digest comes near this; a run without full stops (a pasted table,
# a list, garbage) is cut into pieces of at most this length, so that the relation rules,
# which look at a whole sentence for each mention in it, stay linear in the text's length.
MAX_SENTENCE = 1000


def _back_to(text: str, end: int, part) -> int:
    """Where the run of characters that satisfy `part` and end at `end` starts."""
    start = end
    while start > 0 and part(text[start - 1]):
        start -= 1
    return start


def _is_word_or_dot(ch: str) -> bool:
    return ch.isalnum() or ch in "._"  # what [\w.] matches


def _is_not_space(ch: str) -> bool:
    return not ch.isspace()  # what str.split() keeps in a token


def _abbreviation_before(text: str, dot: int) -> bool:
    """True when the full stop at `dot` closes an abbreviation or an initial."""
    # Looking back from the dot (not searching text[:dot]) keeps a long paragraph linear.
    word = text[_back_to(text, dot, _is_word_or_dot):dot].lower()
    if not word:
        return False
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return True
    if re.fullmatch(r"[a-z]", word):  # an initial: "J. Smith"
        return True
    return bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))  # "U.S", "e.g"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one paragraph."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        punct = m.group()
        if punct.startswith(".") and len(punct.rstrip("”’\"')]")) == 1 \
                and _abbreviation_before(text, m.start()):
            # "Nov. 25", "U.S. officials", "U.S. President": keep going, unless an
            # abbreviation that can end a sentence is followed by a usual sentence opener.
            last = text[_back_to(text, m.start(), _is_not_space):m.start()].lower().rstrip(".")
            nxt = _NEXT_WORD.match(text, m.end())
            if last not in _CAN_END or not nxt or nxt.group(1) not in _OPENERS:
                continue
        spans.append((start, m.end()))
        start = m.end()
        while start < len(text) and text[start].isspace():
            start += 1
    rest = text[start:].rstrip()
    if rest:
        spans.append((start, start + len(rest)))
    return [piece for a, b in spans if text[a:b].strip() for piece in _cut(text, a, b)]


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A span longer than MAX_SENTENCE as pieces that end at a space where there is one."""
    pieces = []
    while end - start > MAX_SENTENCE:
        stop = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        stop = stop if stop > start else start + MAX_SENTENCE
        piece_end = len(text[start:stop].rstrip()) + start
        if piece_end > start:
            pieces.append((start, piece_end))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces
