"""Text tools every stage uses.

`dates` turns date expressions into ISO strings at the precision the text gives,
`sentences` splits news English into sentences (abbreviations, initials, quotes), and
`intervals` answers "is this character range already covered?" in log time.
"""
