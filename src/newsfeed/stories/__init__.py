"""stories: article identity, and grouping coverage of one event into a story. Pure code,
no I/O; `update/` calls it and the store persists what it returns.

- identity.py: what a refresh inserts, updates or leaves alone (per source).
- features.py: `StoryArticle`, the grouping input (`from_article_data`), and its vectors.
- grouping.py: `Grouper.assign(article) -> Assignment`; state.py: its saved state.
- neardup.py: near-duplicate sketches; names.py: people, places, organisations;
  attributions.py: who claims are attributed to; topics.py: tags + names → topics.
"""
