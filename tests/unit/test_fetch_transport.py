"""An injected httpx transport (as other stages' tests use): results are built the same
way, and httpx's own exceptions are translated, never leaked."""

from __future__ import annotations

import gzip

import httpx
import pytest

from newsfeed.errors import FetchError
from newsfeed.fetch import Fetcher
from newsfeed.settings import Settings

SETTINGS = Settings(fetch_timeout_s=5.0)


def answer(request: httpx.Request) -> httpx.Response:
    if request.url.path == "/moved":
        return httpx.Response(308, headers={"Location": "/feed"})
    body = gzip.compress(b"<feed/>")
    headers = {"Content-Type": "application/atom+xml", "Content-Encoding": "gzip"}
    return httpx.Response(200, content=body, headers=headers)


async def test_injected_transport_result() -> None:
    async with Fetcher(SETTINGS, transport=httpx.MockTransport(answer)) as fetcher:
        result = await fetcher.get("https://press.example.org/moved")
    assert result.content == b"<feed/>" and result.content_type == "application/atom+xml"
    assert result.url == "https://press.example.org/feed"
    assert result.redirects == ("https://press.example.org/moved",)


@pytest.mark.parametrize(
    ("raised", "code"),
    [
        (httpx.ConnectError("boom"), "connection_failed"),
        (httpx.ReadTimeout("slow"), "timeout"),
        (httpx.RemoteProtocolError("bad"), "connection_failed"),
        (httpx.UnsupportedProtocol("what"), "bad_url"),
    ],
)
async def test_httpx_exceptions_are_translated(raised: Exception, code: str) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise raised

    with pytest.raises(FetchError) as info:
        async with Fetcher(SETTINGS, transport=httpx.MockTransport(fail)) as fetcher:
            await fetcher.get("https://press.example.org/feed")
    assert info.value.code == code
    assert info.value.message.startswith("https://press.example.org/feed: ")
    assert info.value.__cause__ is raised
