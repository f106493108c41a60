"""Commands that read articles: the newest ones, and search."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import typer
from rich.padding import Padding
from rich.text import Text

from newsfeed.cli.database import store_for
from newsfeed.cli.output import out, plain, styled
from newsfeed.cli.state import settings
from newsfeed.model import MAX_PAGE_SIZE, Snippet

LIMIT = typer.Option("--limit", "-n", min=1, max=MAX_PAGE_SIZE, help="How many.", metavar="N")


def articles(
    source: Annotated[
        int | None, typer.Option("--source", help="Only this source id.", metavar="ID")
    ] = None,
    limit: Annotated[int, LIMIT] = 20,
) -> None:
    """The newest articles."""
    from rich.box import SIMPLE_HEAD
    from rich.table import Table

    from newsfeed.model import ArticleItem, ArticleQuery

    with store_for(settings()) as store:
        page = store.articles.page(ArticleQuery(load=ArticleItem, limit=limit, source_id=source))
    if not page.items:
        out.print("no articles yet: add a source and `newsfeed refresh`")
        return
    table = Table(box=SIMPLE_HEAD, pad_edge=False)
    table.add_column("id", justify="right")
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", max_width=16, no_wrap=True, overflow="ellipsis")
    table.add_column("title", ratio=1, min_width=24)
    table.add_column("by", max_width=16, no_wrap=True, overflow="ellipsis")
    now = datetime.now(UTC)
    for a in page.items:
        table.add_row(
            str(a.id),
            _short(a.published_at, now),
            styled(a.source_title or ""),
            styled(a.title),
            styled(", ".join(x.name for x in a.authors)),
        )
    out.print(table, soft_wrap=False)


def search(
    query: Annotated[str, typer.Argument(help="Words to look for.", metavar="WORDS")],
    limit: Annotated[int, LIMIT] = 20,
) -> None:
    """Full-text search over titles, summaries and bodies."""
    from newsfeed.model import ArticleQuery, ArticleSummary

    with store_for(settings()) as store:
        page = store.articles.search(ArticleQuery(load=ArticleSummary, text=query, limit=limit))
    if not page.items:
        out.print(styled(f"nothing found for {query!r}"))
        return
    for hit in page.items:
        a = hit.article
        heading = _hit_heading(a.id, a.title, a.source_title, _when(a.published_at))
        out.print(heading, soft_wrap=False)  # folded at words in a terminal
        out.print(Padding(_marked(hit.snippet), (0, 0, 0, 4), expand=False), soft_wrap=False)


def _hit_heading(article_id: int, title: str, outlet: str | None, when: str) -> Text:
    return styled((f"{article_id} ", "bold"), title, (f" — {outlet}, {when}", "dim"))


def _marked(snippet: Snippet) -> Text:
    """A search snippet with its matches in bold. The spans index the stored text, so the
    text is made plain span by span: a removed control character must not shift a match."""
    text, at = Text(), 0
    for start, end in snippet.spans:
        start = max(start, at)
        text.append(plain(snippet.text[at:start]))
        text.append(plain(snippet.text[start:end]), style="bold yellow")
        at = end
    return text.append(plain(snippet.text[at:]))


def _short(dt: datetime | None, now: datetime) -> str:
    """'11-30 13:05' this year, '2025-11-30' before (UTC)."""
    if dt is None:
        return "—"
    moment = dt.astimezone(UTC)
    return moment.strftime("%m-%d %H:%M" if moment.year == now.year else "%Y-%m-%d")


def _when(dt: datetime | None) -> str:
    """'2026-11-30 13:05' (UTC)."""
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if dt else "—"
