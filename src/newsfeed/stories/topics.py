"""An article's topics: the feed's own categories merged with the names it is about (the
people, places and organisations mentioned most), one topic per slug. Pure, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from newsfeed.normalize.authors import slugify
from newsfeed.stories.names import Name, names

TopicKind = Literal["tag", "person", "place", "org"]

MAX_NAME_TOPICS = 6


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str  # for /topics/{slug}
    label: str
    kind: TopicKind


def topics(
    tags: Sequence[str] = (),
    found: Sequence[Name] = (),
    *,
    text: str | None = None,
    max_names: int = MAX_NAME_TOPICS,
) -> tuple[Topic, ...]:
    """Feed tags first, then up to `max_names` names (from `found`, or from `text` when
    given), most mentioned first; a name mentioned once counts only in a short list. A tag
    and a name with the same slug are one topic, of the name's kind."""
    if text is not None:
        found = names(text)
    chosen = _chosen_names(found, max_names)
    by_slug: dict[str, Topic] = {}
    for tag in tags:
        slug = slugify(tag)
        if tag.strip() and slug not in by_slug:
            by_slug[slug] = Topic(slug, tag.strip(), "tag")
    for name in chosen:
        slug = slugify(name.text)
        tagged = by_slug.get(slug)
        label = tagged.label if tagged else name.text
        by_slug[slug] = Topic(slug, label, name.kind)
    return tuple(by_slug.values())


def _chosen_names(found: Sequence[Name], max_names: int) -> list[Name]:
    ranked = sorted(found, key=lambda n: -n.mentions)
    repeated = [n for n in ranked if n.mentions > 1]
    return (repeated or ranked)[:max_names]
