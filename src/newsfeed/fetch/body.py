"""Read a response body under the byte cap, counting bytes after decompression and
stopping as soon as the cap is passed (the rest is never read, let alone inflated)."""

from __future__ import annotations

import httpx

from newsfeed.errors import FetchError
from newsfeed.fetch.decode import Decoder, Identity, decoder_for


async def read_body(response: httpx.Response, limit: int, url: str) -> bytes:
    """The decoded body of `response`; FetchError(too_large) past `limit` bytes."""
    if response.is_stream_consumed:  # an in-memory transport (tests) already read it
        _check_size(len(response.content), limit, url)
        return response.content
    decoder = decoder_for(response.headers.get("content-encoding"))
    _check_declared_length(response, decoder, limit, url)
    body = bytearray()
    async for chunk in response.aiter_raw():
        body += decoder.decode(chunk, limit - len(body) + 1)
        _check_size(len(body), limit, url)
    body += decoder.flush()
    _check_size(len(body), limit, url)
    return bytes(body)


def _check_declared_length(
    response: httpx.Response, decoder: Decoder, limit: int, url: str
) -> None:
    declared = response.headers.get("content-length", "").strip()
    if isinstance(decoder, Identity) and declared.isdigit() and int(declared) > limit:
        raise _too_large(url, limit)


def _check_size(size: int, limit: int, url: str) -> None:
    if size > limit:
        raise _too_large(url, limit)


def _too_large(url: str, limit: int) -> FetchError:
    return FetchError(f"{url}: the body is larger than {limit:,} bytes", code="too_large", url=url)
