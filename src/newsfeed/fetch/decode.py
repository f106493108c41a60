"""Content-Encoding decoders that never inflate more than they are allowed to.

Each decoder takes a chunk of the raw body and a `budget` (the most bytes the caller still
wants, plus one). It returns at most about `budget` bytes; getting `budget` bytes back means
"there is more than you allowed", so the caller stops reading. A gzip or brotli bomb is
therefore never inflated past the byte cap, whatever the compression ratio."""

from __future__ import annotations

import zlib
from typing import Protocol

import brotli


class DecodeError(Exception):
    """The body does not decode with the Content-Encoding it claims."""


class Decoder(Protocol):
    def decode(self, data: bytes, budget: int) -> bytes: ...

    def flush(self) -> bytes: ...


class Identity:
    def decode(self, data: bytes, budget: int) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


class Zlib:
    """gzip (wbits 47: gzip or zlib header, auto-detected) or deflate (zlib, else raw)."""

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._inflater = zlib.decompressobj(wbits)
        self._started = False

    def decode(self, data: bytes, budget: int) -> bytes:
        try:
            out = self._inflater.decompress(data, max(budget, 1))
        except zlib.error as exc:
            if self._started or self._wbits != zlib.MAX_WBITS:
                raise DecodeError(f"bad compressed data ({exc})") from exc
            self._wbits, self._inflater = -zlib.MAX_WBITS, zlib.decompressobj(-zlib.MAX_WBITS)
            return self.decode(data, budget)
        self._started = True
        return out

    def flush(self) -> bytes:
        try:
            return self._inflater.flush()
        except zlib.error as exc:
            raise DecodeError(f"bad compressed data ({exc})") from exc


class Brotli:
    def __init__(self) -> None:
        self._decompressor = brotli.Decompressor()

    def decode(self, data: bytes, budget: int) -> bytes:
        try:
            return bytes(self._decompressor.process(data, output_buffer_limit=max(budget, 1)))
        except brotli.error as exc:
            raise DecodeError(f"bad brotli data ({exc})") from exc

    def flush(self) -> bytes:
        return b""


ACCEPT_ENCODING = "gzip, deflate, br"


def decoder_for(content_encoding: str | None) -> Decoder:
    """The decoder for a Content-Encoding value; one encoding at most (besides identity)."""
    codings = [c.strip().lower() for c in (content_encoding or "").split(",")]
    codings = [c for c in codings if c and c != "identity"]
    if not codings:
        return Identity()
    if len(codings) > 1:
        raise DecodeError(f"stacked content encodings are not supported ({content_encoding})")
    return _make(codings[0])


def _make(coding: str) -> Decoder:
    if coding in ("gzip", "x-gzip"):
        return Zlib(32 + zlib.MAX_WBITS)
    if coding == "deflate":
        return Zlib(zlib.MAX_WBITS)
    if coding == "br":
        return Brotli()
    raise DecodeError(f"unsupported content encoding {coding!r}")
