"""parse: feed formats and article pages → raw records (`model.RawFeed`, `model.RawPage`).

`parse.feeds.parse_feed` reads RSS, RDF, Atom and JSON Feed; `parse.discover` finds a
site's feeds."""
