"""Short ways for tests to ask the store for articles: a page of list items or of search hits
(`ArticleItem`: with bodies, authors and tags) for some `ArticleQuery` fields."""

from __future__ import annotations

from typing import Any

from newsfeed.model import ArticleItem, ArticleQuery, Page, SearchHit
from newsfeed.store.api import Store


def list_items(store: Store, **query: Any) -> Page[ArticleItem]:
    """A page of list items for these ArticleQuery fields (filters, cursor, limit)."""
    return store.articles.page(ArticleQuery(load=ArticleItem, **query))


def search_items(store: Store, text: str, **query: Any) -> Page[SearchHit[ArticleItem]]:
    """A page of search hits for `text`, carrying list items."""
    return store.articles.search(ArticleQuery(load=ArticleItem, text=text, **query))
