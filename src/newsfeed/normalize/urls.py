"""Canonical URLs: the one spelling of an article's address that we store and compare.

Absolute (resolved against a base), scheme and host lower-cased, IDN hosts in punycode,
default port dropped, dot segments resolved, fragment dropped, tracking parameters removed
and the rest of the query kept byte for byte, in order.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit

import idna

from newsfeed.errors import InvalidInput

MAX_URL_CHARS = 8192

#: Query parameter names that only track the click, never select the content.
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid",
        "mc_eid", "igshid", "_ga", "_gl", "yclid", "ref_src", "ref_url", "twclid",
        "ttclid", "li_fat_id", "mkt_tok", "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp",
        "hsctatracking", "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "wickedid",
        "rb_clickid", "s_cid", "srsltid", "_openstat", "spm", "cmpid", "ncid", "sr_share",
    }
)  # fmt: skip
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "at_")

_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST_OK = re.compile(r"^[a-z0-9._-]+$")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


def canonical_url(url: str, base: str | None = None) -> str:
    """Return the canonical form of `url` (resolved against `base` when relative).

    Raises InvalidInput(code="bad_url") when the result is not an http(s) URL with a host.
    """
    raw = _clean_input(url)
    if base:
        raw = _join(base, raw)
    elif raw.startswith("//"):
        raw = "https:" + raw
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise _bad(url, f"not a valid URL: {exc}") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise _bad(url, "not an http(s) URL")
    if "@" in parts.netloc:
        raise _bad(url, "a user name or password in a URL is not accepted (it would be kept)")
    host = _canonical_host(parts.hostname or "", url)
    netloc = _netloc(parts.username, parts.password, host, port, scheme)
    path = _canonical_path(parts.path)
    query = strip_tracking(parts.query)
    return urlunsplit((scheme, netloc, path, query, ""))


def is_http_url(s: object) -> bool:
    """True when `s` is (or resolves to) an absolute http(s) URL with a host."""
    if not isinstance(s, str):
        return False
    try:
        canonical_url(s)
    except InvalidInput:
        return False
    return True


def join_http(base: str, ref: str | None) -> str | None:
    """`ref` made absolute against `base`, when that gives an http(s) URL; None for an empty
    or malformed reference (`http://[oops`) or another scheme (`javascript:`, `data:`).
    For links read from pages and feeds before they reach the store."""
    if not ref or not ref.strip():
        return None
    try:
        joined = urljoin(base, ref.strip())
    except ValueError:
        return None
    return joined if is_http_url(joined) else None


def is_tracking_param(name: str) -> bool:
    """True for a query parameter name that only tracks (utm_source, fbclid, …)."""
    key = unquote(name).strip().lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def strip_tracking(query: str) -> str:
    """Drop tracking parameters (and empty pairs) from a raw query string, keeping the
    remaining pairs exactly as written and in order."""
    if not query:
        return ""
    kept = [pair for pair in query.split("&") if pair and not is_tracking_param(_key(pair))]
    return "&".join(kept)


def _key(pair: str) -> str:
    return pair.split("=", 1)[0]


def _clean_input(url: object) -> str:
    if not isinstance(url, str):
        raise _bad(None, "a URL must be a string")
    raw = url.strip()
    if not raw:
        raise _bad(url, "empty URL")
    if len(raw) > MAX_URL_CHARS:
        raise _bad(url[:100], f"URL longer than {MAX_URL_CHARS} characters")
    return raw


def _join(base: str, url: str) -> str:
    try:
        return urljoin(base.strip(), url)
    except ValueError as exc:
        raise _bad(url, f"cannot resolve against {base!r}: {exc}") from exc


def _canonical_host(host: str, original: str) -> str:
    host = host.rstrip(".")
    if not host:
        raise _bad(original, "URL has no host")
    if ":" in host:  # an IPv6 literal; urlsplit already removed the brackets
        return f"[{host.lower()}]"
    if not host.isascii():
        host = _punycode(host, original)
    host = host.lower()
    if not _HOST_OK.match(host) or ".." in host:
        raise _bad(original, f"invalid host {host!r}")
    problem = host_name_problem(host)
    if problem:
        raise _bad(original, problem)
    return host


def host_name_problem(host: str) -> str | None:
    """Why an ASCII (IDNA-encoded) host name cannot be looked up, or None: a label empty or
    over 63 characters, the name over 253, an `xn--` label that is not valid Punycode."""
    name = host.rstrip(".")
    if len(name) > 253:
        return f"host name longer than 253 characters ({len(name)})"
    for label in name.split("."):
        if not label:
            return f"host {host!r} has an empty label"
        if len(label) > 63:
            return f"host {host[:80]!r} has a label longer than 63 characters"
        if label[:4].lower() == "xn--" and not _punycode_ok(label):
            return f"host {host!r} has an invalid international label {label!r}"
    return None


def _punycode_ok(label: str) -> bool:
    try:
        return bool(label[4:].encode("ascii").decode("punycode"))
    except (UnicodeError, ValueError):
        return False


def _punycode(host: str, original: str) -> str:
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        pass
    try:  # IDNA 2003 is laxer (emoji, some symbols) and still what browsers resolve
        return host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise _bad(original, f"invalid international host {host!r}") from exc


def _netloc(
    user: str | None, password: str | None, host: str, port: int | None, scheme: str
) -> str:
    userinfo = ""
    if user is not None:
        userinfo = user + (f":{password}" if password is not None else "") + "@"
    if port is None or port == _DEFAULT_PORTS[scheme]:
        return userinfo + host
    return f"{userinfo}{host}:{port}"


def _canonical_path(path: str) -> str:
    if not path:
        return "/"
    return quote(_remove_dot_segments(path), safe=_PATH_SAFE)


def _remove_dot_segments(path: str) -> str:
    if "." not in path:
        return path
    out: list[str] = []
    segments = path.split("/")
    for seg in segments[1:] if path.startswith("/") else segments:
        if seg == "..":
            if out:
                out.pop()
        elif seg != ".":
            out.append(seg)
    if segments[-1] in (".", ".."):
        out.append("")
    return "/" + "/".join(out)


_USERINFO = re.compile(r"^(\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//)[^/?#]*@")


def without_userinfo(url: str) -> str:
    """`url` with any user name and password replaced by `***`, for messages and logs."""
    return _USERINFO.sub(r"\1***@", url) if "@" in url else url


def _bad(url: str | None, reason: str) -> InvalidInput:
    url = without_userinfo(url) if url is not None else None
    shown = f"{url!r}: " if url is not None else ""
    return InvalidInput(f"bad URL {shown}{reason}", code="bad_url", url=url)
