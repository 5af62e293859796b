"""Office titles around a name: "Kazakh Deputy Foreign Minister X", "X, the Director of Y".

A title gives the office as the text words it (kg:role) and, when the text says so, the state
or body the holder acts for (kg:represents): a demonym or possessive before the office
("Kazakh President", "Kazakhstan's Prime Minister", "the EU High Representative"), or an
"of"/"at"/"from" complement after it ("President of Azerbaijan", "Director at the Y Institute").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kazgraph.loaders.entities import gazetteer
from kazgraph.loaders.model import Span
from kazgraph.loaders.entities.names import FUNCTION, NOT_NAME, Token, offices

CONNECT = {"and", "of", "for", "to", "the", "on", "&"}
POSS = ("’s", "'s")
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their"}
STATE_ORGANS = {"Ministry", "Government", "Administration", "Parliament", "Senate", "Mazhilis",
                "Majilis", "Embassy", "Consulate", "Cabinet", "Presidency", "Kremlin", "Akimat"}
FOREIGN_ORGANS = {"Majlisi", "Milli", "Oliy", "Oli", "Jogorku", "Kenesh", "Mejlis", "Duma", "Rada",
                  "Bundestag", "Knesset", "Sejm", "Storting", "Riksdag", "Diet", "Khural"}
STATE_ORGANS |= FOREIGN_ORGANS
# words that, after a demonym, still name a body of the state ("Kazakh Security Council")
ORGAN_WORDS = STATE_ORGANS | {"Council", "Committee", "Agency", "Service", "Court", "Office",
                              "Bureau", "Police", "Army", "Forces", "Guard", "Navy", "Prosecutor"}
# The digests are about Kazakhstan: a public office named without its state is Kazakh.
HOME = "state/KAZ"
COUNTERPART = {"counterpart", "counterparts"}
NO_ROLE = {"leader", "leaders"}
STOP_AFTER = {",", ".", ";", ":", ")", "(", "“", "”", "\"", "«", "»", "—", "–"}
# The longest titles run to about fifteen words ("Special Representative of the President
# of the Republic of Kazakhstan for International Cooperation"); reaching further left only
# walks through lists of offices, and makes a sentence of them take seconds.
MAX_TITLE_TOKENS = 24


@dataclass
class Title:
    role: str | None  # the office as worded, None for a bare honorific ("Mr")
    represents: str | None  # entity key, or the name of a body not in the gazetteer
    official: bool
    span: Span
    blocked: bool = False  # the office belongs to something unnamed ("the airline's President")
    adjacent: bool = False  # an office word right before the name ("Minister Bekov")
    plural: bool = False  # "the presidents of A, B and C, X, Y and Z"
    counterpart: bool = False  # "his Kazakh counterpart X": the office is the other's
    states: tuple[str, ...] = ()  # states named after "of" a plural office, in order
    shared: bool = False  # one share of a plural office ("presidents X and Y")
    possessor: str | None = None  # "the airline's President": the noun standing for the body


def _word(token: Token) -> str:
    return token.text.lower()


def _is_title_word(token: Token) -> bool:
    words = offices().words
    w = _word(token)
    return w in words or (w.endswith("s") and w[:-1] in words)


def is_head(token: Token) -> bool:
    heads = offices().heads
    w = _word(token)
    # a plural only in lower case ("analysts X"): "Congress of Leaders" names a thing
    return w in heads or (w.endswith("s") and w[:-1] in heads and token.text.islower())


def _plural_head(token: Token) -> bool:
    w = _word(token)
    return w.endswith("s") and w not in offices().heads and w[:-1] in offices().heads


ABBREVIATIONS = {"PM": "Prime Minister", "FM": "Foreign Minister"}


def _singular(role: str) -> str:
    """"political and economic analysts" -> "... analyst" (the title of one person).

    Abbreviated offices are written out: "Deputy PM" -> "Deputy Prime Minister".
    """
    role = " ".join(ABBREVIATIONS.get(w, w) for w in role.split(" "))
    head, _, last = role.rpartition(" ")
    low = last.lower()
    if low.endswith("s") and low not in offices().heads and low[:-1] in offices().heads:
        last = last[:-1]
    return f"{head} {last}".strip()


def _entity(mark: str) -> bool:
    return mark.startswith(("state/", "org/"))


def title_before(text: str, tokens: list[Token], marks: list[str], i: int) -> Title | None:
    """The title directly before the name starting at token `i`."""
    k, end = _reach_left(text, tokens, marks, i)
    phrase, blocked, possessor = _trim(tokens, marks, k, end)
    if not phrase:
        return None
    span = Span(tokens[phrase[0]].start, tokens[phrase[-1]].end)
    heads = [p for p in phrase if is_head(tokens[p]) and not _entity(marks[p])]
    if not heads and end == i - 1 and phrase[-1] == end and _plural_head(tokens[end]):
        heads = [end]  # "Presidents X and Y": a capitalised plural right before the names
    if not heads:
        if any(tokens[p].text.rstrip(".").lower() in offices().honorifics for p in phrase):
            return Title(None, None, False, span)
        return None
    first = next(p for p in phrase if _is_title_word(tokens[p]) and not _entity(marks[p])
                 and tokens[p].text.rstrip(".").lower() not in offices().honorifics)
    represents, blocked, owned, role_end = _holder_of(text, tokens, marks, phrase, heads[0],
                                                      first, blocked)
    role: str | None = _role(text, tokens, marks, first, heads[0], role_end)
    official = owned or _official(text[tokens[phrase[0]].start:tokens[phrase[-1]].end])
    if any(tokens[p].text in STATE_ORGANS for p in phrase):
        official = True
        represents, blocked = _organ_state(tokens, marks, phrase, represents, blocked)
    adjacent = end == i - 1 and (is_head(tokens[end]) or _plural_head(tokens[end]))
    counterpart = all(_word(tokens[p]) in COUNTERPART for p in heads)
    if counterpart or all(_word(tokens[p]) in NO_ROLE | COUNTERPART for p in heads):
        role = None  # "his Kazakh counterpart X", "Uzbek leader X": whom, not which office
    head = tokens[heads[0]]
    plural = _plural_head(head)
    states: tuple[str, ...] = ()
    if plural:
        # "presidents X and Y", "the presidents of A, B and C, X, Y and Z", "the Kazakh and
        # Chinese leaders, X and Y": one office each, the states in the order named
        states = tuple(dict.fromkeys(marks[p] for p in phrase if marks[p].startswith("state/")))
        if role is not None:
            role = _singular(text[tokens[first].start:head.end])
        represents, blocked = None, True
    return Title(role, represents, official, span, blocked and represents is None, adjacent,
                 plural, counterpart, states, possessor=possessor if represents is None else None)


def _reach_left(text: str, tokens: list[Token], marks: list[str], i: int) -> tuple[int, int]:
    """How far left of the name at token `i` the words of a title reach.

    Returns (k, end): the title can only lie in tokens k+1 .. end.
    """
    k = i - 1
    if k >= 0 and tokens[k].text == ",":
        k -= 1  # "the President of Armenia, Aram Sargsyan"
    end = k
    while k >= 0 and end - k < MAX_TITLE_TOKENS:
        t, mark = tokens[k], marks[k]
        if "\n" in text[t.end:tokens[k + 1].start]:
            break
        if t.text.islower() and _is_title_word(t) and not is_head(t) and not (
                k + 1 <= end and _is_title_word(tokens[k + 1])):
            break  # "relations and Uzbek President": a lower-case word must lead to an office
        if _entity(mark) or _is_title_word(t) or t.text in POSS or t.text in CONNECT:
            k -= 1
        elif t.text == ")" and "(" in [x.text for x in tokens[max(0, k - 4):k]]:
            k = max(q for q in range(max(0, k - 4), k) if tokens[q].text == "(") - 1
            # "Head of the Y Centre (YC) X": the acronym in brackets is part of the title
        elif t.cap and t.text in NOT_NAME and t.text not in FUNCTION:
            k -= 1  # "Senate Speaker", "Speaker of the Grand National Assembly of Türkiye"
        elif t.text.rstrip(".").lower() in offices().honorifics:
            k -= 1
        elif t.text == "." and k > 0 and tokens[k - 1].text.lower() in offices().honorifics:
            k -= 1  # "Mr. Smith"
        elif t.cap and k == end and (jump := _owner_after_of(tokens, k)) is not None:
            k = jump  # "Chairman of the Board of Samruk-Kazyna X": the office's owner
        elif t.text == "," and k + 1 <= end and k > 0 and (
                _entity(marks[k + 1]) or tokens[k + 1].text == "the") \
                and (_entity(marks[k - 1]) or _is_title_word(tokens[k - 1])):
            k -= 1  # "Ambassador to Belgium, the EU and NATO"
        elif t.text == "," and k + 1 <= end and k > 0 and _is_title_word(tokens[k + 1]) \
                and _is_title_word(tokens[k - 1]) and not is_head(tokens[k + 1]):
            k -= 1  # "Minister of Economy, Trade and Industry"
        elif t.cap and t.text not in FUNCTION and (jump := _complement(tokens, marks, k)) is not None:
            k = jump  # "Chairman of China's National Development and Reform Commission X"
        else:
            break
    return k, end


def _trim(tokens: list[Token], marks: list[str], k: int,
          end: int) -> tuple[list[int], bool, str | None]:
    """The title's tokens without the words around it that are not part of it.

    Also says whether a possessive before the office ties it to something unnamed ("the
    airline's President"), and the noun that stands for that owner.
    """
    phrase = list(range(k + 1, end + 1))
    # capitalised words left of the title that are not part of it: "Both", "During"
    while phrase and not (_entity(marks[phrase[0]]) or _is_title_word(tokens[phrase[0]])
                          or tokens[phrase[0]].text in POSS or tokens[phrase[0]].text in CONNECT
                          or tokens[phrase[0]].text.rstrip(".").lower() in offices().honorifics):
        if not _is_title_after(tokens, marks, phrase):
            phrase.pop(0)
        else:
            break
    blocked = False
    possessor = None
    while phrase and (tokens[phrase[0]].text in CONNECT | {","} or tokens[phrase[0]].text in POSS):
        if tokens[phrase[0]].text in POSS:
            blocked = True  # "the airline's President": not a state's office
            if phrase[0] > 0 and tokens[phrase[0] - 1].text.islower():
                possessor = tokens[phrase[0] - 1].text
        phrase.pop(0)
    while phrase and tokens[phrase[-1]].text in CONNECT | {","}:
        phrase.pop()
    return phrase, blocked, possessor


def _holder_of(text: str, tokens: list[Token], marks: list[str], phrase: list[int], h: int,
               first: int, blocked: bool) -> tuple[str | None, bool, bool, int]:
    """Whom the office is held for: a state or body before it, or an "of" complement after.

    Returns (represents, blocked, owned, role_end); `owned` when a state's possessive
    makes the office that state's ("Afghanistan's Chief Executive"), `role_end` the last
    token of the office as worded.
    """
    represents = next((marks[p] for p in reversed(phrase) if p < h and _entity(marks[p])), None)
    owned = False
    if represents is not None:
        at = max(p for p in phrase if p < h and marks[p] == represents)
        between = [p for p in phrase if at < p < h and tokens[p].cap
                   and not _is_title_word(tokens[p]) and not _entity(marks[p])]
        if between and not any(tokens[p].text in ORGAN_WORDS for p in between):
            # "Kazakh Invest Chairman": the state's name is part of a body's name
            start = min(p for p in phrase if marks[p] == represents and p <= at)
            represents, blocked = text[tokens[start].start:tokens[between[-1]].end], True
        elif at + 1 < len(tokens) and tokens[at + 1].text in POSS \
                and represents.startswith("state/"):
            owned = True  # "Afghanistan's Chief Executive": an office of that state
    if represents is None:
        represents, blocked = _unknown_owner(text, tokens, marks, phrase, first, blocked)
    role_end = phrase[-1]
    if represents is None and not blocked:
        represents, cut = _of_complement(tokens, marks, h, phrase[-1])
        if cut is not None and cut > phrase[-1] - 1:
            role_end = h  # "President of Azerbaijan": the role is "President"
        if represents is None:  # "Speaker of the Grand National Assembly of Türkiye"
            represents = next((marks[p + 1] for p in phrase if p > h and tokens[p].text == "of"
                               and p + 1 <= phrase[-1] and marks[p + 1].startswith("state/")),
                              None)
    if represents is None and not blocked:
        represents, blocked = _of_owner(tokens, marks, phrase, h)
    return represents, blocked, owned, role_end


def _unknown_owner(text: str, tokens: list[Token], marks: list[str], phrase: list[int],
                   first: int, blocked: bool) -> tuple[str | None, bool]:
    """"Air Astana President X", "Chevron Chairman X": the office of a body the gazetteer
    does not know, named right before the title."""
    represents = None
    owner = [p for p in phrase if p < first and tokens[p].cap]
    if len(owner) == first - phrase[0]:
        q = owner[0] if owner else first
        while q > 0 and text[tokens[q - 1].end:tokens[q].start] == " " \
                and tokens[q - 1].text[:1].isupper() and len(tokens[q - 1].text) > 1 \
                and tokens[q - 1].text not in FUNCTION \
                and (q < first or not _entity(marks[q - 1])):
            q -= 1  # "Kazakh Invest Chairman", but not "Kazakh Deputy Foreign Minister"
        if q < first:
            blocked = True
            represents = text[tokens[q].start:tokens[first - 1].end]
            town = gazetteer.place(represents)
            if town is not None:
                # "Tashkent Mayor X": an office of that state, if the digest names it
                represents = town.country if town.country in marks else None
    return represents, blocked


def _role(text: str, tokens: list[Token], marks: list[str], first: int, h: int,
          role_end: int) -> str:
    """The office as worded, in the singular, without a state named inside it."""
    role = _singular(text[tokens[first].start:tokens[role_end].end])
    dropped = [p for p in range(first, h) if _entity(marks[p])]
    if dropped:  # "Former Kazakh President": the state is whom, not part of the office
        kept = [p for p in range(first, role_end + 1) if p not in dropped]
        role = _singular("".join((" " if n and text[tokens[p - 1].end:tokens[p].start] else "")
                                 + tokens[p].text for n, p in enumerate(kept)))
    return role


def _organ_state(tokens: list[Token], marks: list[str], phrase: list[int],
                 represents: str | None, blocked: bool) -> tuple[str | None, bool]:
    """"head of the Kazakh Foreign Ministry": an office in a state's own body is that state's."""
    organ_state = next((marks[p] for p in phrase if marks[p].startswith("state/")), None)
    if organ_state and (represents is None or not represents.startswith(("state/", "org/"))):
        return organ_state, False
    if represents is None:
        # a foreign legislature by its own name ("Majlisi Milli") is not the home state's
        blocked = any(tokens[p].text in FOREIGN_ORGANS for p in phrase)
    return represents, blocked


def _official(phrase: str) -> bool:
    """Whether the words name a public office ("Foreign Minister", "Director General")."""
    words = " ".join(w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", phrase))
    return any(re.search(rf"(?<![\w-]){re.escape(t)}s?(?![\w-])", words)
               for t in offices().official)


def _of_owner(tokens: list[Token], marks: list[str], phrase: list[int],
              h: int) -> tuple[str | None, bool]:
    """"Chairman of the Board of Samruk-Kazyna": the body the office belongs to, by name.

    Returns (represents, blocked); "Mayor of Tashkent" gives the city's state when the digest
    names it, else nothing (and not the home state either).
    """
    for n, p in enumerate(phrase):
        if p <= h or tokens[p].text != "of":
            continue
        rest = [q for q in phrase[n + 1:] if tokens[q].text != "the"]
        if rest and all(tokens[q].cap and not _entity(marks[q]) and not _is_title_word(tokens[q])
                        for q in rest) and not all(tokens[q].text in NOT_NAME for q in rest):
            town = gazetteer.place(" ".join(tokens[q].text for q in rest))
            if town is not None:
                if town.country in marks or town.country == HOME:
                    return town.country, False  # "Akim of Almaty"
                return None, True
            return " ".join(tokens[q].text for q in rest), True
    return None, False


def _owner_after_of(tokens: list[Token], k: int) -> int | None:
    """Up to three capitalised words after "of [the]" ending at `k`: the index of "of"/"the"."""
    q = k
    while q > 0 and k - q < 3 and tokens[q - 1].cap:
        q -= 1
    if q > 0 and tokens[q - 1].text == "of":
        return q - 1
    if q > 1 and tokens[q - 1].text == "the" and tokens[q - 2].text == "of":
        return q - 1
    return None


def _complement(tokens: list[Token], marks: list[str], k: int) -> int | None:
    """Capitalised words ending at `k` that name a body after "of" an office: the "of"'s index.

    The body's name ends in a noun like "Commission" or "Council"; a person's name does not.
    """
    if tokens[k].text not in NOT_NAME and (k + 1 >= len(tokens)
                                           or tokens[k + 1].text not in NOT_NAME):
        return None
    q = k
    while q >= 0 and k - q < 10:
        t = tokens[q]
        if t.text == "of":
            return q if q > 0 and (_is_title_word(tokens[q - 1]) or is_head(tokens[q - 1])) \
                and not tokens[q - 1].text.islower() else None
        if not ((t.cap and t.text not in FUNCTION) or t.text in ("and", "for", "&", "the")
                or t.text in POSS or _entity(marks[q])):
            return None
        q -= 1
    return None


def _is_title_after(tokens: list[Token], marks: list[str], phrase: list[int]) -> bool:
    """The capitalised words at the phrase's start name the office's owner ("Senate Speaker")."""
    for p in phrase:
        if _is_title_word(tokens[p]) or _entity(marks[p]):
            return True
        if not tokens[p].cap:
            return False
    return False


def _of_complement(tokens: list[Token], marks: list[str], h: int, last: int):
    """After a head: "of [the] <state or body>" -> (key, index of the last token used)."""
    p = h + 1
    if p <= last and tokens[p].text == "of":
        p += 1
        if p <= last and tokens[p].text == "the":
            p += 1
        if p <= last and _entity(marks[p]):
            key, q = marks[p], p
            while q + 1 < len(tokens) and marks[q + 1] == key:
                q += 1
            nxt = tokens[q + 1] if q + 1 < len(tokens) else None
            if nxt is not None and (nxt.cap or nxt.text in ("for", "of")) and q + 1 <= last:
                return None, None  # "of the Kazakhstan Institute for ...": a longer name
            return key, q
    return None, None
