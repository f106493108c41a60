"""Which URLs the fetcher requests at all: host names that cannot be looked up and URLs
with credentials are `bad_url` with the reason, and the password is never in the message."""

from __future__ import annotations

import httpx
import pytest

from newsfeed.errors import FetchError
from newsfeed.fetch.urls import checked_url, redirect_target


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://xn--/", "not valid"),
        ("https://xn--zz.example/", "not valid"),
        ("https://" + "a" * 64 + ".example/", "longer than 63"),
        ("https://a..example/", "empty label"),
        ("https://\U0001f600\U0001f600.example/", "not a valid URL"),
        ("https://editor:hunter2@example.com/", "user name or password"),
        ("gopher://example.com/", "only http:// and https://"),
    ],
)
def test_urls_that_are_never_requested(url: str, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        checked_url(url)
    assert info.value.code == "bad_url"
    assert reason in info.value.message and "hunter2" not in info.value.message


def test_a_redirect_to_a_url_with_credentials_is_refused_without_showing_them() -> None:
    with pytest.raises(FetchError) as info:
        redirect_target(httpx.URL("https://example.com/a"), "https://u:hunter2@intra.example/")
    assert info.value.code == "bad_url" and "hunter2" not in info.value.message


def test_ordinary_international_names_still_work() -> None:
    assert checked_url("https://bücher.example/").host == "bücher.example"
    assert str(checked_url("https://example.com/a@b")) == "https://example.com/a@b"
