"""python -m accordingto: the command line."""

from accordingto.cli import main

main()
