"""canonical_url / is_http_url: one spelling per address, errors for non-URLs."""

from __future__ import annotations

import pytest

from newsfeed.errors import InvalidInput
from newsfeed.normalize.urls import canonical_url, is_http_url, strip_tracking


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://News.Example.COM/a", "http://news.example.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("http://example.com:80/a", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a#section-2", "https://example.com/a"),
        ("https://example.com", "https://example.com/"),
        ("  https://example.com/a  ", "https://example.com/a"),
        ("https://example.com./a", "https://example.com/a"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"),
        ("https://example.com/café", "https://example.com/caf%C3%A9"),
        ("https://[2001:DB8::1]:8080/x", "https://[2001:db8::1]:8080/x"),
        ("//cdn.example.com/x.jpg", "https://cdn.example.com/x.jpg"),
    ],
)
def test_canonical_forms(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://example.com/a?utm_source=rss&utm_medium=feed&id=7&fbclid=XyZ",
            "https://example.com/a?id=7",
        ),
        ("https://example.com/a?gclid=1&dclid=2&msclkid=3&yclid=4", "https://example.com/a"),
        (
            "https://example.com/a?mc_cid=1&mc_eid=2&igshid=3&_ga=4&ref_src=twsrc",
            "https://example.com/a",
        ),
        ("https://example.com/a?UTM_Campaign=x&page=2", "https://example.com/a?page=2"),
        ("https://example.com/a?b=2&a=1&utm_term=z&c=3", "https://example.com/a?b=2&a=1&c=3"),
        ("https://example.com/a?q=a+b&x=%2F", "https://example.com/a?q=a+b&x=%2F"),
        ("https://example.com/a?flag&&utm_id=3", "https://example.com/a?flag"),
        ("https://example.com/a?ref=homepage", "https://example.com/a?ref=homepage"),
        ("https://example.com/a?utm_source=rss", "https://example.com/a"),
    ],
)
def test_tracking_parameters_removed_rest_kept_in_order(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_strip_tracking_keeps_pairs_verbatim() -> None:
    assert strip_tracking("z=1&utm_x=2&a=%20") == "z=1&a=%20"
    assert strip_tracking("") == ""


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("/story/1", "https://example.com/news/", "https://example.com/story/1"),
        ("story/1", "https://example.com/news/", "https://example.com/news/story/1"),
        ("../b", "https://example.com/news/a/", "https://example.com/news/b"),
        ("?page=2", "https://example.com/list", "https://example.com/list?page=2"),
        ("//cdn.example.net/x", "http://example.com/", "http://cdn.example.net/x"),
        ("https://other.example/x", "https://example.com/", "https://other.example/x"),
    ],
)
def test_relative_urls_resolved_against_base(url: str, base: str, expected: str) -> None:
    assert canonical_url(url, base) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://bücher.example/katalog", "https://xn--bcher-kva.example/katalog"),
        ("https://BÜCHER.example/", "https://xn--bcher-kva.example/"),
        ("http://пример.испытание/", "http://xn--e1afmkfd.xn--80akhbyknj4f/"),
        ("https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/"),
    ],
)
def test_idn_hosts_to_punycode(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "ftp://example.com/file",
        "javascript:alert(1)",
        "mailto:jane@example.com",
        "data:text/html,hi",
        "example.com/no-scheme",
        "/relative/without/base",
        "https://",
        "https:///path-only",
        "https://exa mple.com/",
        "https://example.com:99999/",
        "https://example.com:abc/",
        "http://[::1/",
        "https://" + "a" * 9000 + ".com/",
        "https://user:pw@example.com/x",  # a password would be kept, logged and shown
        "https://xn--/",
        "https://xn--zz.example/",
        "https://" + "a" * 64 + ".example/",
        "https://" + "abc." * 70 + "example/",
    ],
)
def test_not_http_urls_raise_bad_url(url: str) -> None:
    with pytest.raises(InvalidInput) as info:
        canonical_url(url)
    assert info.value.code == "bad_url"
    assert "bad URL" in str(info.value)
    assert not is_http_url(url)


def test_non_string_is_bad_url() -> None:
    with pytest.raises(InvalidInput) as info:
        canonical_url(None)  # type: ignore[arg-type]
    assert info.value.code == "bad_url"
    assert is_http_url(None) is False
    assert is_http_url(42) is False


def test_is_http_url_true_cases() -> None:
    assert is_http_url("https://example.com")
    assert is_http_url("HTTP://EXAMPLE.COM/x?y=1")
    assert is_http_url("https://bücher.example/")


def test_canonical_url_is_idempotent() -> None:
    once = canonical_url("HTTPS://Bücher.Example:443/a/../b c?utm_source=x&k=v#frag")
    assert once == "https://xn--bcher-kva.example/b%20c?k=v"
    assert canonical_url(once) == once


def test_a_refused_url_with_a_password_never_shows_it() -> None:
    with pytest.raises(InvalidInput) as info:
        canonical_url("https://editor:hunter2@example.com/feed")
    assert "hunter2" not in info.value.message and "***@example.com" in info.value.message
