"""What story grouping reads from one article: the input record, and the vectors and sketch
computed from it once. Pure, no I/O."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from newsfeed.model import ArticleData
from newsfeed.stories.names import mention_texts
from newsfeed.stories.neardup import sketch, sketch_of
from newsfeed.stories.terms import term_counts, words
from newsfeed.stories.vectors import DocFreq, Vector, weigh

ArticleKey = int | str
TITLE_CHARS = 500  # normalize keeps titles to 300; a longer one is cut here too


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One article as story grouping sees it. `outlet` is the source's id (or name)."""

    id: ArticleKey
    outlet: str
    published_at: datetime | None  # UTC, aware; None when the feed gave no date
    title: str
    text: str
    tags: tuple[str, ...] = ()


def from_article_data(article_id: ArticleKey, outlet: str, data: ArticleData) -> StoryArticle:
    """The grouping input of a normalized article (the dek stands in for an empty text)."""
    text = data.text or data.dek or ""
    return StoryArticle(article_id, outlet, data.published_at, data.title, text, data.tags)


@dataclass(frozen=True, slots=True)
class Features:
    title: Vector  # unit TF-IDF of the headline's terms
    body: Vector  # unit TF-IDF of headline + text, heaviest terms only
    names: Vector  # unit TF-IDF of the capitalised names in the text
    sketch: tuple[int, ...]  # near-duplicate sketch of the text


def lead(text: str, chars: int) -> str:
    """The first `chars` characters of `text`, cut at a space."""
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", 0, chars)
    return text[: cut if cut > 0 else chars]


def name_keys(text: str) -> list[str]:
    """Lower-case names mentioned in `text` (surnames alone included), as index terms."""
    return ["n:" + m.lower() for m in mention_texts(text)]


def extract(article: StoryArticle, df: DocFreq, body_terms: int, text_chars: int) -> Features:
    """The article's features from its headline and the opening `text_chars` of its text
    (news puts the event first; the cap bounds the cost of long articles). Its terms are
    counted into `df` first (online IDF)."""
    text = lead(article.text, text_chars)
    title = term_counts(words(lead(article.title, TITLE_CHARS)))
    text_words = words(text)
    body = Counter(term_counts(text_words))
    body.update(title)
    names = Counter(name_keys(text))
    df.add([*body.keys(), *names.keys()])
    return Features(
        weigh(title, df, body_terms),
        weigh(body, df, body_terms),
        weigh(names, df, body_terms),
        sketch_of(text_words) if text_words else sketch(article.title[:TITLE_CHARS]),
    )
