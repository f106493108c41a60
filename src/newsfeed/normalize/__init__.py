"""normalize: pure functions from raw parsed records to a clean `ArticleData`.

No I/O here. One concept per module: `urls` (canonical URLs), `dates` (UTC, parsing,
future clamp), `html` (sanitize, HTML ↔ text), `text` (word counts), `readingtime`,
`language`, `captions` (caption/credit split), `images` (lead image), `authors`, `tags`,
and `article`, which puts them together in `normalize_entry`. See docs/design/normalize.md.
"""
