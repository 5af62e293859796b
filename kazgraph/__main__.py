"""`python -m kazgraph` runs the command line."""
from kazgraph.cli import main

main()
