"""The `newsfeed` command: thin commands over the same services the web app uses.

`app.py` holds the command and its failure handling, one module per group of commands
beside it (sources, refreshing, articles, serving, admin); `output.py` is how anything
reaches the terminal, `database.py` which database a command uses."""

from newsfeed.cli.app import app, main

__all__ = ["app", "main"]
