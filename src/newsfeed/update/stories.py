"""Story grouping in the update pipeline: once a refresh round has saved every source, the
articles it stored as new are read back (what grouping needs), in the order their sources
were saved, assigned to stories by the pure grouper of `stories/` on a worker thread (never
on the event loop, never inside the store), and the assignments are written, 1,000 to a
transaction, with the names and attributions of the articles that joined a story. The
grouper lives as long as the process (one per store object); its bounded state is saved
after a round (at most every five minutes), so a restart keeps the live stories."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from datetime import datetime

from newsfeed.errors import NewsfeedError
from newsfeed.model import StoryAssignment
from newsfeed.store.api import Store
from newsfeed.stories.features import StoryArticle
from newsfeed.stories.grouping import Assignment, Grouper
from newsfeed.stories.notes import notes_of
from newsfeed.stories.state import GrouperState
from newsfeed.update.offloop import OffLoop

log = logging.getLogger(__name__)
DRAIN_BATCH = 1_000  # articles grouped and written per transaction
SAVE_INTERVAL_S = 300.0
NOTED_PER_STORY = 200  # members of a story whose names and attributions are kept (a story
# page shows at most this many; it finds those of the others as it shows them)
NOTED_STORIES = 20_000  # stories whose noted members are counted (least recent forgotten)


class StoryGrouping:
    """The grouper of one store in this process, loaded from its saved state on first use."""

    def __init__(self) -> None:
        self.grouper: Grouper | None = None
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self.thread_lock = threading.Lock()
        self.grouped = 0  # articles grouped since the state was last saved
        self._waiting: list[int] = []
        self._saved_at: float | None = None  # time.monotonic() of the last save
        self._noted: OrderedDict[int, int] = OrderedDict()  # story key → members noted

    def submit(self, article_ids: Sequence[int]) -> None:
        """Remember these newly stored articles; `drain` groups them once the refresh has
        saved every source (grouping while the fetches and saves go on slowed them down
        more than it cost: they fought over the GIL and the store's thread)."""
        self._waiting.extend(article_ids)

    async def drain(self, off: OffLoop, store: Store) -> None:
        waiting, self._waiting = self._waiting, []
        for start in range(0, len(waiting), DRAIN_BATCH):
            await self.add(off, store, waiting[start : start + DRAIN_BATCH])

    async def add(self, off: OffLoop, store: Store, article_ids: Sequence[int]) -> int:
        """Group these newly stored articles and write where they went; returns how many
        were grouped. A failure costs the refresh nothing (logged)."""
        if not article_ids:
            return 0
        try:
            async with self._lock():
                if self.grouper is None:
                    saved = await off(store.stories.load_state)
                    self.grouper = Grouper(state=saved)
                found = await off(store.stories.inputs, list(article_ids))
                planned = await asyncio.to_thread(self._assign, found)
                await off(store.stories.assign, planned)
                self.grouped += len(planned)
                return len(planned)
        except NewsfeedError as exc:
            log.warning("story grouping of %d articles: %s", len(article_ids), exc)
        except Exception:  # a bug of ours: the articles stay stored, ungrouped
            log.exception("story grouping of %d articles failed", len(article_ids))
        return 0

    async def save(self, off: OffLoop, store: Store, now: datetime) -> None:
        """Keep the grouper's state when it has grouped anything since it was last kept,
        at most once every SAVE_INTERVAL_S (the state of thousands of live stories is
        megabytes; a crash loses at most that long of it: later articles of those stories
        then start new ones)."""
        if self.grouper is None or not self.grouped:
            return
        if self._saved_at is not None and time.monotonic() - self._saved_at < SAVE_INTERVAL_S:
            return
        async with self._lock():
            state: GrouperState = await asyncio.to_thread(self._state)
            try:
                await off(store.stories.save_state, state, now=now)
                self.grouped = 0
                self._saved_at = time.monotonic()
            except NewsfeedError as exc:
                log.warning("could not save the story grouper's state: %s", exc)

    def _lock(self) -> asyncio.Lock:
        """This event loop's lock (each refresh may run under its own `asyncio.run`)."""
        loop = asyncio.get_running_loop()
        found = self._locks.get(loop)
        if found is None:
            found = self._locks[loop] = asyncio.Lock()
        return found

    def _state(self) -> GrouperState:
        assert self.grouper is not None
        with self.thread_lock:
            return self.grouper.state()

    def _assign(self, found: Sequence[StoryArticle]) -> list[StoryAssignment]:
        assert self.grouper is not None
        with self.thread_lock:
            out = []
            for article in found:
                assignment = self.grouper.assign(article)
                out.append(planned(article, assignment, self._note(assignment)))
            return out

    def _note(self, assignment: Assignment) -> bool:
        """Whether to look for this member's names and attributions: it joins a story
        (most articles start one and stay alone) with fewer than NOTED_PER_STORY noted."""
        if assignment.new_story:
            return False
        key = int(assignment.story)
        noted = self._noted.pop(key, 0)
        self._noted[key] = noted + 1
        if len(self._noted) > NOTED_STORIES:
            self._noted.popitem(last=False)
        return noted < NOTED_PER_STORY


def planned(article: StoryArticle, assignment: Assignment, note: bool) -> StoryAssignment:
    """What the store writes for one grouped article (pure), with its names and
    attributions when `note` (finding them costs about as much as grouping; the story page
    finds those of the others, such as a story's first article, as it shows them)."""
    duplicate = assignment.duplicate_of
    found = notes_of(int(article.id), article.text) if note else None
    return StoryAssignment(
        article_id=int(article.id),
        story_key=int(assignment.story),
        new_story=assignment.new_story,
        duplicate_of=int(duplicate) if duplicate is not None else None,
        title=article.title,
        names=found.names if found else (),
        attributions=found.attributions if found else (),
        has_notes=found is not None,
    )


_GROUPINGS: weakref.WeakKeyDictionary[Store, StoryGrouping] = weakref.WeakKeyDictionary()


def grouping_for(store: Store) -> StoryGrouping:
    """The grouping of `store` in this process (made on first use)."""
    found = _GROUPINGS.get(store)
    if found is None:
        found = _GROUPINGS[store] = StoryGrouping()
    return found
