"""The trie-shaped alternation finds exactly what a longest-first alternation finds."""
import random
import re

import pytest

from kazgraph.loaders.text.alternation import trie_alternation


def plain(names):
    return "|".join(re.escape(n) for n in sorted(set(names), key=len, reverse=True))


@pytest.mark.parametrize("seed", range(20))
def test_same_matches_as_a_longest_first_alternation(seed):
    rnd = random.Random(seed)
    alphabet = "ab .-$"
    names = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 6))) for _ in range(40)]
    text = "".join(rnd.choice(alphabet + "c") for _ in range(400))
    wrap = r"(?<![\w$])(?:{})(?![\w$])"
    want = [(m.start(), m.group()) for m in re.finditer(wrap.format(plain(names)), text)]
    got = [(m.start(), m.group()) for m in re.finditer(wrap.format(trie_alternation(names)), text)]
    assert got == want


def test_names_with_regex_characters_and_an_empty_list():
    assert re.fullmatch(trie_alternation(["U.S.", "U.S.A.", "(C5)"]), "U.S.A.")
    assert re.fullmatch(trie_alternation(["(C5)"]), "(C5)")
    assert re.search(trie_alternation([]), "anything") is None
