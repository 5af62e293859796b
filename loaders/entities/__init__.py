"""Stage 2, recognising entities: who and where a digest names.

`gazetteer` finds states, international organisations and places from the reference
tables under data/; `people` finds persons from runs of capitalised words with the
evidence around them: office titles before (`titles`), appositions after (`apposition`),
word lists in `names`. `mentions.recognise` is the stage; `actors_in`, `places_in` and
`people_in` read its mentions back for the relation finders.
"""
from kazgraph.loaders.entities.mentions import (ACTOR_PREFIXES, PLACE_PREFIXES, actors_in,
                                                people_in, places_in, recognise)

__all__ = ["ACTOR_PREFIXES", "PLACE_PREFIXES", "actors_in", "people_in", "places_in",
           "recognise"]
