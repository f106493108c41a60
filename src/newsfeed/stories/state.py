"""The grouper's state as plain frozen dataclasses, for the store to save and load after a
restart. Everything in it is bounded: only live stories (inside the window), at most
`members_kept` members per story, centroids cut to their heaviest terms, document
frequencies capped (docs/design/stories.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from newsfeed.stories.features import ArticleKey

Weights = tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class MemberState:
    """A recent member of a live story: enough to find near-duplicates of it."""

    id: ArticleKey
    outlet: str
    sketch: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StoryState:
    key: ArticleKey  # the id of the story's first article
    first_seen: datetime | None
    last_seen: datetime | None  # newest published time of a member (None if none had one)
    last_seq: int  # arrival number of the newest member (the window without dates)
    size: int  # members ever joined
    title: Weights  # centroid sums: headline terms
    body: Weights  # centroid sums: headline + text terms
    names: Weights  # centroid sums: names
    members: tuple[MemberState, ...]


@dataclass(frozen=True, slots=True)
class GrouperState:
    seen: int  # articles assigned so far (arrival numbers)
    docs: int  # articles counted into the document frequencies
    doc_freq: tuple[tuple[str, int], ...]
    stories: tuple[StoryState, ...]  # live stories, least recently joined first
    newest: datetime | None = None  # newest published time seen: the window's end
