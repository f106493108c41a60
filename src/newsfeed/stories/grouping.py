"""Online story grouping: each article, as it arrives, joins the live story it is most
similar to, or starts a new one. Similarity mixes three cosines to the story's centroids
(headline terms, headline + text terms, names); a near-duplicate of a recent member joins
that member's story whatever the score. Live stories fall out of the window by time (when
articles carry dates), by arrival count (always, so undated feeds stay bounded) and by a cap.
Pure: no I/O; `state()` / `Grouper(state=…)` save and restore it (stories/state.py)."""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from newsfeed.stories.features import ArticleKey, Features, StoryArticle, extract
from newsfeed.stories.neardup import lookup_keys, resemblance
from newsfeed.stories.state import GrouperState, MemberState, StoryState
from newsfeed.stories.vectors import Centroid, DocFreq, dot

K = TypeVar("K", str, int)


@dataclass(frozen=True, slots=True)
class GroupingConfig:
    """The defaults were tuned on the tuning half of the dev sets (docs/design/stories.md)."""

    title_weight: float = 0.2
    body_weight: float = 0.6
    names_weight: float = 0.2
    join_threshold: float = 0.25  # a score that joins a story whatever the others score
    margin_threshold: float = 0.1  # a lower score that joins when it stands out …
    margin: float = 0.22  # … by this much over the second-best story
    duplicate_threshold: float = 0.6  # resemblance that makes a near-duplicate
    window_h: float = 72.0  # a dated story with no member this recent is closed
    undated_window: int = 100  # an undated story with no member among the last N arrivals too
    max_live: int = 20_000  # at most this many live stories (the least recent close first)
    text_chars: int = 4_000  # the opening of the text that is read
    body_terms: int = 40  # heaviest terms kept per article vector
    centroid_terms: int = 150  # heaviest terms kept per centroid
    index_terms: int = 25  # centroid terms a story is found by
    query_terms: int = 12  # article terms used to find candidate stories
    max_candidates: int = 6  # stories scored per article
    members_kept: int = 30  # recent members per story checked for near-duplicates


@dataclass(frozen=True, slots=True)
class Assignment:
    story: ArticleKey  # the story's key: the id of its first article
    new_story: bool
    duplicate_of: ArticleKey | None  # a member this article is a near-copy of
    similarity: float  # the score to the story joined (resemblance for a duplicate; 0 if new)


class _Story:
    __slots__ = (
        "body",
        "first_seen",
        "index",
        "key",
        "last_seen",
        "last_seq",
        "members",
        "names",
        "size",
        "title",
    )

    def __init__(self, key: ArticleKey, config: GroupingConfig) -> None:
        self.key = key
        self.first_seen: datetime | None = None
        self.last_seen: datetime | None = None
        self.last_seq = 0
        self.size = 0
        self.title = Centroid(config.centroid_terms)
        self.body = Centroid(config.centroid_terms)
        self.names = Centroid(config.centroid_terms)
        self.members: deque[MemberState] = deque(maxlen=config.members_kept)
        self.index: list[str] = []


class Grouper:
    """Assigns articles to stories, one at a time, in arrival order."""

    def __init__(self, config: GroupingConfig | None = None, state: GrouperState | None = None):
        self.config = config or GroupingConfig()
        self._df = DocFreq()
        self._seen = 0
        self._newest: datetime | None = None
        self._stories: OrderedDict[ArticleKey, _Story] = OrderedDict()
        # term → live stories found by it; sketch key → stories with a member holding it
        # (dicts as ordered sets: the same input gives the same decisions in every process)
        self._postings: dict[str, dict[ArticleKey, None]] = {}
        self._sketches: dict[int, dict[ArticleKey, None]] = {}
        if state is not None:
            self._restore(state)

    # ── assigning ──────────────────────────────────────────────────────────────────
    def assign(self, article: StoryArticle) -> Assignment:
        """The story `article` joins or starts. An article assigned again (an update) is
        never its own duplicate, and stays in the story it started while that is live."""
        self._seen += 1
        self._advance(article.published_at)
        features = extract(article, self._df, self.config.body_terms, self.config.text_chars)
        started = self._stories.get(article.id)
        if started is not None:
            score = self._score(started, features)
            self._join(started, article, features)
            return Assignment(started.key, False, None, score)
        duplicate = self._duplicate(article.id, features)
        if duplicate is not None:
            story_key, member, score = duplicate
            self._join(self._stories[story_key], article, features)
            return Assignment(story_key, False, member, score)
        best, score = self._best(features)
        if best is not None:
            self._join(best, article, features)
            return Assignment(best.key, False, None, score)
        story = _Story(article.id, self.config)
        self._stories[article.id] = story
        self._join(story, article, features)
        return Assignment(article.id, True, None, 0.0)

    @property
    def live_stories(self) -> int:
        return len(self._stories)

    def _duplicate(
        self, article_id: ArticleKey, features: Features
    ) -> tuple[ArticleKey, ArticleKey, float] | None:
        """The most similar recent member above the threshold; the earliest on a tie."""
        holders: dict[ArticleKey, None] = {}
        for key in lookup_keys(features.sketch):
            holders.update(self._sketches.get(key, {}))
        best: tuple[ArticleKey, ArticleKey, float] | None = None
        for story_key in holders:
            for member in self._stories[story_key].members:
                if member.id == article_id:
                    continue
                score = resemblance(features.sketch, member.sketch)
                if score >= self.config.duplicate_threshold and (best is None or score > best[2]):
                    best = (story_key, member.id, score)
        return best

    def _best(self, features: Features) -> tuple[_Story | None, float]:
        """The story to join (None: start a new one) and its score."""
        c = self.config
        scored = [(self._score(story, features), story) for story in self._candidates(features)]
        scored.sort(key=lambda pair: -pair[0])  # stable: candidate order breaks ties
        if not scored:
            return None, 0.0
        best, story = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        if best >= c.join_threshold or (best >= c.margin_threshold and best - second >= c.margin):
            return story, best
        return None, best

    def _candidates(self, features: Features) -> list[_Story]:
        hits: dict[ArticleKey, float] = {}
        query = sorted(features.body.items(), key=lambda kv: -kv[1])[: self.config.query_terms]
        for term, weight in query:
            for key in self._postings.get(term, ()):
                hits[key] = hits.get(key, 0.0) + weight
        ranked = sorted(hits, key=hits.__getitem__, reverse=True)[: self.config.max_candidates]
        return [self._stories[key] for key in ranked]

    def _score(self, story: _Story, features: Features) -> float:
        c = self.config
        return (
            c.title_weight * story.title.cosine(features.title)
            + c.body_weight * story.body.cosine(features.body)
            + c.names_weight * story.names.cosine(features.names)
        )

    # ── updating ───────────────────────────────────────────────────────────────────
    def _join(self, story: _Story, article: StoryArticle, features: Features) -> None:
        when = article.published_at
        if when is not None:
            story.first_seen = min(story.first_seen or when, when)
            story.last_seen = max(story.last_seen or when, when)
        story.last_seq = self._seen
        story.size += 1
        story.title.add(features.title)
        story.body.add(features.body)
        story.names.add(features.names)
        self._add_member(story, MemberState(article.id, article.outlet, features.sketch))
        self._reindex(story)
        self._stories.move_to_end(story.key)

    def _add_member(self, story: _Story, member: MemberState) -> None:
        if len(story.members) == story.members.maxlen:
            self._unindex_member(story, story.members[0])
        story.members.append(member)
        for h in lookup_keys(member.sketch):
            self._sketches.setdefault(h, {})[story.key] = None

    def _unindex_member(self, story: _Story, member: MemberState) -> None:
        """Forget `member`'s sketch keys that no other member of `story` holds."""
        kept = {h for m in story.members if m is not member for h in lookup_keys(m.sketch)}
        for h in lookup_keys(member.sketch):
            if h not in kept:
                _unpost(self._sketches, h, story.key)

    def _reindex(self, story: _Story) -> None:
        terms = story.body.top(self.config.index_terms)
        for term in set(story.index) - set(terms):
            _unpost(self._postings, term, story.key)
        for term in terms:
            self._postings.setdefault(term, {})[story.key] = None
        story.index = terms

    # ── the window ─────────────────────────────────────────────────────────────────
    def _advance(self, when: datetime | None) -> None:
        if when is not None and (self._newest is None or when > self._newest):
            self._newest = when
        while self._stories:
            oldest = next(iter(self._stories.values()))
            if not self._expired(oldest):
                break
            self._close(oldest)

    def _expired(self, story: _Story) -> bool:
        c = self.config
        if len(self._stories) > c.max_live:
            return True
        if story.last_seen is None:
            return self._seen - story.last_seq > c.undated_window
        assert self._newest is not None  # set by the member that dated the story
        return self._newest - story.last_seen > timedelta(hours=c.window_h)

    def _close(self, story: _Story) -> None:
        del self._stories[story.key]
        for term in story.index:
            _unpost(self._postings, term, story.key)
        for member in story.members:
            for h in lookup_keys(member.sketch):
                _unpost(self._sketches, h, story.key)

    # ── saving and restoring ───────────────────────────────────────────────────────
    def state(self) -> GrouperState:
        return GrouperState(
            seen=self._seen,
            docs=self._df.docs,
            doc_freq=tuple(self._df.counts.items()),
            stories=tuple(_story_state(s) for s in self._stories.values()),
            newest=self._newest,
        )

    def _restore(self, state: GrouperState) -> None:
        self._seen = state.seen
        self._newest = state.newest
        self._df.docs = state.docs
        self._df.counts = dict(state.doc_freq)
        for saved in state.stories:
            story = _story_from_state(saved, self.config)
            self._stories[story.key] = story
            for member in saved.members:
                self._add_member(story, member)
            self._reindex(story)


def _unpost(index: dict[K, dict[ArticleKey, None]], key: K, story: ArticleKey) -> None:
    """Take `story` off `index[key]`, and the key off the index when nothing is left."""
    holders = index.get(key)
    if holders is not None:
        holders.pop(story, None)
        if not holders:
            del index[key]


def _story_state(story: _Story) -> StoryState:
    return StoryState(
        key=story.key,
        first_seen=story.first_seen,
        last_seen=story.last_seen,
        last_seq=story.last_seq,
        size=story.size,
        title=tuple(story.title.sums.items()),
        body=tuple(story.body.sums.items()),
        names=tuple(story.names.sums.items()),
        members=tuple(story.members),
    )


def _story_from_state(saved: StoryState, config: GroupingConfig) -> _Story:
    story = _Story(saved.key, config)
    story.first_seen, story.last_seen = saved.first_seen, saved.last_seen
    story.last_seq, story.size = saved.last_seq, saved.size
    for centroid, sums in ((story.title, saved.title), (story.body, saved.body)):
        centroid.sums = dict(sums)
        centroid.norm2 = dot(centroid.sums, centroid.sums)
    story.names.sums = dict(saved.names)
    story.names.norm2 = dot(story.names.sums, story.names.sums)
    return story
