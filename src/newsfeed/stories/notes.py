"""What a story page shows of one article besides its headline: the names it mentions and
whom it attributes its claims to, from the opening of its text. Pure, no I/O: `update/`
keeps them for articles that join a story, `web/` finds them for the rest when shown."""

from __future__ import annotations

from newsfeed.model import AttributionNote, NameNote, StoryNotes
from newsfeed.stories.attributions import attributions
from newsfeed.stories.features import lead
from newsfeed.stories.names import names

NOTES_CHARS = 6_000  # the opening of the text searched for names and attributions
MAX_NAMES = 12
MAX_ATTRIBUTIONS = 12


def notes_of(article_id: int, text: str) -> StoryNotes:
    opening = lead(text, NOTES_CHARS)
    return StoryNotes(
        article_id,
        tuple(NameNote(n.text, n.kind, n.mentions) for n in names(opening)[:MAX_NAMES]),
        tuple(
            AttributionNote(a.source, a.cue, a.sentence)
            for a in attributions(opening)[:MAX_ATTRIBUTIONS]
        ),
    )
