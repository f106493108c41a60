"""plan_writes: the pure "what changed, what to write" decision, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsfeed.errors import InvalidInput
from newsfeed.model import ArticleData
from newsfeed.stories.identity import ExistingArticle, lookup_keys, plan_writes

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
EARLIER = NOW - timedelta(days=2)


def data(
    guid: str,
    *,
    url: str | None = None,
    title: str = "T",
    published: datetime | None = None,
    content_hash: str | None = None,
) -> ArticleData:
    return ArticleData(
        guid=guid,
        url=url,
        title=title,
        dek=None,
        content_html=f"<p>{title}</p>",
        text=title,
        language="en",
        published_at=published,
        updated_at=None,
        word_count=1,
        reading_minutes=1,
        content_hash=content_hash or f"hash:{title}",
    )


def stored(id: int, guid: str, *, url: str | None = None, title: str = "T") -> ExistingArticle:
    return ExistingArticle(id, guid, url, f"hash:{title}", EARLIER)


def test_new_articles_are_inserted_with_first_seen_time_when_unpublished() -> None:
    published = NOW - timedelta(hours=3)
    plan = plan_writes({}, [data("a", published=published), data("b")], NOW)
    assert [(p.data.guid, p.published_at) for p in plan.inserts] == [("a", published), ("b", NOW)]
    assert plan.updates == () and plan.unchanged == 0


def test_same_hash_is_unchanged_and_costs_no_write() -> None:
    plan = plan_writes({"a": stored(7, "a")}, [data("a")], NOW)
    assert plan.inserts == () and plan.updates == () and plan.unchanged == 1


def test_changed_hash_updates_and_keeps_the_old_version() -> None:
    plan = plan_writes({"a": stored(7, "a", title="Old")}, [data("a", title="New")], NOW)
    (update,) = plan.updates
    assert update.article_id == 7 and update.data.title == "New"
    assert update.revision.article_id == 7
    assert update.revision.content_hash == "hash:Old"
    assert update.revision.recorded_at == NOW
    assert update.published_at == EARLIER  # no new date: the stored one stays


def test_update_takes_a_new_published_date() -> None:
    new_date = NOW - timedelta(hours=1)
    plan = plan_writes({"a": stored(7, "a")}, [data("a", title="X", published=new_date)], NOW)
    assert plan.updates[0].published_at == new_date


def test_guid_falls_back_to_url() -> None:
    existing = {"old-guid": stored(3, "old-guid", url="https://o.test/1", title="Old")}
    plan = plan_writes(existing, [data("new-guid", url="https://o.test/1", title="New")], NOW)
    assert plan.inserts == ()
    assert [u.article_id for u in plan.updates] == [3]


def test_url_fallback_unchanged_when_same_content() -> None:
    existing = {"old-guid": stored(3, "old-guid", url="https://o.test/1")}
    plan = plan_writes(existing, [data("new-guid", url="https://o.test/1")], NOW)
    assert plan.unchanged == 1 and not plan.inserts and not plan.updates


def test_duplicate_guids_in_a_batch_collapse_to_the_last() -> None:
    plan = plan_writes({}, [data("a", title="one"), data("b"), data("a", title="two")], NOW)
    assert [(p.data.guid, p.data.title) for p in plan.inserts] == [("b", "T"), ("a", "two")]


def test_duplicates_of_a_stored_article_collapse_to_the_last() -> None:
    existing = {"a": stored(1, "a", url="https://o.test/a")}
    batch = [data("a", title="first"), data("zz", url="https://o.test/a", title="last")]
    plan = plan_writes(existing, batch, NOW)
    assert [(u.article_id, u.data.title) for u in plan.updates] == [(1, "last")]
    assert plan.inserts == () and plan.unchanged == 0


def test_mixed_batch_counts_every_kind() -> None:
    existing = {"same": stored(1, "same"), "edit": stored(2, "edit", title="Old")}
    batch = [data("same"), data("edit", title="New"), data("fresh")]
    plan = plan_writes(existing, batch, NOW)
    assert (len(plan.inserts), len(plan.updates), plan.unchanged) == (1, 1, 1)


def test_url_is_the_identity_when_guid_is_empty() -> None:
    plan = plan_writes(
        {}, [data("", url="https://o.test/x"), data("", url="https://o.test/x")], NOW
    )
    assert len(plan.inserts) == 1
    assert lookup_keys([data("", url="https://o.test/x")]) == (
        {"https://o.test/x"},
        {"https://o.test/x"},
    )


def test_article_without_guid_or_url_is_rejected() -> None:
    with pytest.raises(InvalidInput) as info:
        plan_writes({}, [data("", url=None, title="Orphan")], NOW)
    assert info.value.code == "bad_argument"
    assert "Orphan" in str(info.value)


def test_empty_batch_plans_nothing() -> None:
    plan = plan_writes({"a": stored(1, "a")}, [], NOW)
    assert plan.inserts == () and plan.updates == () and plan.unchanged == 0
