"""Story grouping in the update pipeline: the articles a refresh stored as new are read back
(what grouping needs), assigned to stories by the pure grouper of `stories/` on a worker
thread (never on the event loop, never inside the store), and the assignments, with the
names and attributions found in each article, are written in one transaction. The grouper
lives as long as the process (one per store object) and its bounded state is saved after
each refresh round, so a restart keeps the live stories.

Batches are grouped one at a time (an asyncio lock): arrival order is the order batches
finish saving, and a story's row is made by the batch that started it."""

from __future__ import annotations

import asyncio
import logging
import threading
import weakref
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


class StoryGrouping:
    """The grouper of one store in this process, loaded from its saved state on first use."""

    def __init__(self) -> None:
        self.grouper: Grouper | None = None
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )
        self.thread_lock = threading.Lock()
        self.grouped = 0  # articles grouped since the state was last saved
        self._pending: set[asyncio.Task[int]] = set()

    def submit(self, off: OffLoop, store: Store, article_ids: Sequence[int]) -> None:
        """Group these articles in the background (the refresh goes on with the next
        source); `drain` waits for every batch submitted."""
        if article_ids:
            task = asyncio.ensure_future(self.add(off, store, article_ids))
            self._pending.add(task)
            task.add_done_callback(self._pending.discard)

    async def drain(self) -> None:
        while self._pending:
            await asyncio.gather(*list(self._pending))

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
        """Keep the grouper's state when it has grouped anything since it was last kept."""
        if self.grouper is None or not self.grouped:
            return
        async with self._lock():
            state: GrouperState = await asyncio.to_thread(self._state)
            try:
                await off(store.stories.save_state, state, now=now)
                self.grouped = 0
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
            return [planned(a, self.grouper.assign(a)) for a in found]


def planned(article: StoryArticle, assignment: Assignment) -> StoryAssignment:
    """What the store writes for one grouped article (pure). Names and attributions are
    found only for an article that joins a story: most articles start one and stay alone,
    and finding them costs as much as grouping (the story page finds those of a story's
    first article when it is shown)."""
    duplicate = assignment.duplicate_of
    found = None if assignment.new_story else notes_of(int(article.id), article.text)
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
