"""The bounded Content-Encoding decoders and the URL rules."""

from __future__ import annotations

import gzip
import zlib

import brotli
import pytest

from newsfeed.errors import FetchError
from newsfeed.fetch.decode import DecodeError, decoder_for
from newsfeed.fetch.urls import checked_url, redirect_target

TEXT = b"The harbour ferry resumed service on Tuesday morning. " * 200


def decode_all(encoding: str, data: bytes, budget: int, step: int = 1000) -> bytes:
    decoder, out = decoder_for(encoding), b""
    for i in range(0, len(data), step):
        out += decoder.decode(data[i : i + step], budget - len(out))
        if len(out) >= budget:
            return out
    return out + decoder.flush()


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("gzip", gzip.compress(TEXT)),
        ("x-gzip", gzip.compress(TEXT)),
        ("deflate", zlib.compress(TEXT)),
        ("br", brotli.compress(TEXT)),
        ("identity", TEXT),
        ("", TEXT),
        ("GZIP", gzip.compress(TEXT)),
    ],
)
def test_round_trip_in_small_chunks(encoding: str, data: bytes) -> None:
    assert decode_all(encoding, data, budget=len(TEXT) + 1) == TEXT


@pytest.mark.parametrize(
    ("encoding", "packer"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("br", brotli.compress)],
)
def test_output_stops_near_the_budget(encoding: str, packer: object) -> None:
    bomb = packer(b"\0" * 20_000_000)  # type: ignore[operator]
    decoder = decoder_for(encoding)
    out = decoder.decode(bomb, 50_001)
    assert 50_001 <= len(out) < 200_000


@pytest.mark.parametrize("encoding", ["zstd", "compress", "gzip, br"])
def test_unsupported_encodings(encoding: str) -> None:
    with pytest.raises(DecodeError):
        decoder_for(encoding)


@pytest.mark.parametrize(
    ("encoding", "junk"), [("gzip", b"\x1f\x8b\x08junk"), ("br", b"\xff" * 40)]
)
def test_corrupt_data(encoding: str, junk: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_all(encoding, junk, budget=1000)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "not a url",
        "ftp://example.org/feed",
        "file:///etc/passwd",
        "http://",
        "javascript:alert(1)",
        "http://exa mple.org/",
        "http://[::1",
    ],
)
def test_bad_urls(url: str) -> None:
    with pytest.raises(FetchError) as info:
        checked_url(url)
    assert info.value.code == "bad_url"


def test_non_string_url_is_bad_url() -> None:
    with pytest.raises(FetchError) as info:
        checked_url(None)
    assert info.value.code == "bad_url"


def test_good_urls() -> None:
    assert str(checked_url(" https://News.Example.org/feed ")) == "https://news.example.org/feed"
    assert checked_url("http://bücher.example/").host == "bücher.example"


def test_redirect_targets() -> None:
    base = checked_url("https://news.example.org/a/feed.xml")
    assert str(redirect_target(base, "rss")) == "https://news.example.org/a/rss"
    assert str(redirect_target(base, "//cdn.example.net/f")) == "https://cdn.example.net/f"
    with pytest.raises(FetchError) as info:
        redirect_target(base, "gopher://old.example.org/")
    assert info.value.code == "bad_url"
