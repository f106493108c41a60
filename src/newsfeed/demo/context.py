"""What every renderer of the demo site needs: the corpus at one phase, the clock, and
where things live (URLs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newsfeed.demo.corpus import STATIC_URL, Corpus, DemoArticle, DemoAuthor, Outlet
from newsfeed.demo.markup import plain_text, reading_minutes, word_count

IMAGE_SIZE = (640, 360)
AVATAR_SIZE = 160


@dataclass(frozen=True)
class SiteContext:
    corpus: Corpus
    now: datetime
    phase: int
    base: str  # "" (root-relative links) or "http://127.0.0.1:PORT"

    def articles_of(self, outlet: Outlet) -> list[DemoArticle]:
        return self.corpus.articles_of(outlet.id, phase=self.phase)

    def article_at_phase(self, article_id: str) -> DemoArticle:
        return self.corpus.at_phase(self.corpus.article(article_id), self.phase)

    def authors_of(self, article: DemoArticle) -> list[DemoAuthor]:
        return [self.corpus.author(a) for a in article.authors]

    # ── urls ──────────────────────────────────────────────────────────────────────
    def article_url(self, article: DemoArticle) -> str:
        return f"{self.base}/{article.outlet}/news/{article.id}.html"

    def outlet_url(self, outlet: Outlet) -> str:
        return f"{self.base}/{outlet.id}/"

    def author_url(self, author: DemoAuthor) -> str:
        return f"{self.base}/{author.outlet}/people/{author.id}.html"

    def feed_url(self, outlet: Outlet) -> str:
        return f"{self.base}{outlet.feed_path}"

    @staticmethod
    def static_url(file: str) -> str:
        """Root-relative on purpose: the web app serves these files after the demo server
        is gone."""
        return STATIC_URL + file

    # ── times and sizes ───────────────────────────────────────────────────────────
    def published(self, article: DemoArticle) -> datetime:
        return self._ago(article.hours_ago)

    def updated(self, article: DemoArticle) -> datetime | None:
        if article.updated_hours_ago is None:
            return None
        return self._ago(article.updated_hours_ago)

    def _ago(self, hours: float) -> datetime:
        return (self.now - timedelta(hours=hours)).astimezone(UTC).replace(microsecond=0)

    @staticmethod
    def minutes(article: DemoArticle) -> int:
        return reading_minutes(word_count(plain_text(article.body)))


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
