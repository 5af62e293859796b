"""Linking mentions into entities, while people are recognised.

`coref` groups the mentions of one person (full name, surname, "the President") into
one Person and shares an office across a list of names; `offices` records who held
which office when, and resolves offices named without a name ("the Kazakh President
said") to their one holder in the digest; `wikidata` links a person to the Wikidata
item of a well-known office holder when the name and the office safely agree.
"""
