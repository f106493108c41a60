"""Feed-parsing conformance: feedparser's own test corpus run through OUR parse + sanitize.

Every case carries an `Expect:` Python expression over feedparser's result dict. We build a
feedparser-like dict from our RawFeed for the fields we model and evaluate the expression
over it. Cases about fields we do not model count as not applicable (listed with reasons).
`wellformed/sanitize/` cases are judged by the rule "dangerous thing removed, content kept"
(see `judge_sanitize`), because our allowlist differs from feedparser's on purpose.

    .venv/bin/python bench/conformance.py [--data DIR] [--json OUT] [--failures]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from newsfeed.errors import ParseError
from newsfeed.model import RawEntry, RawFeed, RawText
from newsfeed.normalize.html import html_to_text, sanitize_html
from newsfeed.parse.feeds import parse_feed

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "feeds"
DOC_ROOT = "http://127.0.0.1:8097/tests/"

# Fields we do not model, by category → reason. A case whose Expect reads any of them is
# not applicable.
NOT_MODELED: dict[str, tuple[str, frozenset[str]]] = {
    "raw date strings": (
        "we keep parsed UTC datetimes, not the feed's date text",
        frozenset({"published", "updated", "created", "expired", "issued", "modified"}),
    ),
    "other dates": (
        "creation/expiry/validity dates are not in the model",
        frozenset({"created_parsed", "expired_parsed", "validity_start", "validity_end",
                   "validity_start_parsed", "validity_end_parsed"}),
    ),
    "rights/publisher/generator": (
        "copyright, rights, license, publisher, generator, docs are not stored",
        frozenset({"copyright", "copyright_detail", "rights", "rights_detail", "license",
                   "publisher", "publisher_detail", "generator", "generator_detail", "docs",
                   "info", "info_detail", "media_license", "media_restriction"}),
    ),
    "cloud/textinput/newlocation": (
        "RSS cloud, textInput and itunes:new-feed-url are not used",
        frozenset({"cloud", "textinput", "newlocation", "errorreportsto"}),
    ),
    "itunes/podcast": (
        "iTunes and Podlove chapter fields are podcast-only",
        frozenset({"itunes_block", "itunes_explicit", "itunes_duration", "psc_chapters",
                   "media_rating", "media_player"}),
    ),
    "geo": ("GeoRSS is not in the model", frozenset({"where"})),
    "entry source": ("atom:source / rss source are not kept", frozenset({"source"})),
    "contributors": ("only authors are kept", frozenset({"contributors"})),
    "link lists": (
        "we keep one alternate link plus enclosures, not every <link>",
        frozenset({"links", "guidislink", "comments", "wfw_comment", "wfw_commentrss",
                   "thr_in", "href"}),
    ),
    "feed ids/categories/icons": (
        "feed-level id, tags, category, logo, icon are not in RawFeed",
        frozenset({"id_feed", "tags_feed", "category_feed", "logo", "icon", "guid_feed"}),
    ),
    "feed text details": (
        "feed title/subtitle are stored as plain text (no type/base/language detail)",
        frozenset({"title_detail_feed", "subtitle_detail_feed", "tagline_detail_feed"}),
    ),
    "unknown elements": (
        "feedparser keeps unknown elements; we keep the model only",
        frozenset({"madeup_element", "abcdefg", "has_key", "get", "subtitle_entry",
                   "image_entry", "media_thumbnail"}),
    ),
    "detected charset / HTTP": (
        "the detected encoding, HTTP status and headers are not part of RawFeed",
        frozenset({"encoding", "headers", "status", "namespaces", "bozo_exception"}),
    ),
}  # fmt: skip


@dataclass
class Case:
    path: Path
    folder: str
    expect: str
    headers: dict[str, str] = field(default_factory=dict)
    skip_unless: str | None = None


class View(dict[str, Any]):
    """feedparser's FeedParserDict in miniature: keys readable as attributes."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


# ── reading cases ───────────────────────────────────────────────────────────────────
_HEADER_BLOCK = re.compile(rb"<!--(.*?)-->", re.S)


def load_case(path: Path, root: Path) -> Case | None:
    data = path.read_bytes()
    folder = str(path.parent.relative_to(root))
    if path.suffix == ".json":
        meta = json.loads(data).get("__TEST__", "")
    else:
        match = _HEADER_BLOCK.search(data)
        meta = match.group(1).decode("utf-8", "replace") if match else ""
    expect = re.search(r"Expect:\s*(.*?)\s*(?:-->|$|\n\s*\w+:)", meta, re.S)
    if not expect:
        return None
    headers = dict(
        (k.strip().lower(), v.strip()) for k, v in re.findall(r"Header:\s*([\w-]+):(.*)", meta)
    )
    skip = re.search(r"SkipUnless:\s*(.*)", meta)
    return Case(path, folder, expect.group(1).strip(), headers, skip and skip.group(1).strip())


def referenced_fields(expect: str) -> set[str]:
    """Names the expression reads from feed / entries / the top level."""
    names: set[str] = set()
    for scope, rest in re.findall(r"\b(feed|entries\[\d+\])((?:\[['\"]\w+['\"]\]|\.\w+)+)", expect):
        first = re.match(r"\[['\"](\w+)['\"]\]|\.(\w+)", rest)
        if first:
            name = first.group(1) or first.group(2)
            suffix = "_feed" if scope == "feed" else "_entry"
            names.update({name, name + suffix})
    names.update(
        re.findall(r"\b(encoding|headers|status|namespaces|href|bozo_exception)\b", expect)
    )
    return names


SECOND_LEVEL: dict[str, tuple[str, re.Pattern[str]]] = {
    "per-element base/lang": (
        "xml:base and xml:lang are kept once per entry, not per text element",
        re.compile(r"title_detail'\]\['(base|language)"),
    ),
    "tag scheme/label": (
        "tags are kept as terms only",
        re.compile(r"(tags'?\]?\[\d+\]\[?'?\.?(scheme|label))|tags\[\d+\]\.(scheme|label)"),
    ),
    "out-of-line content": ("atom:content src= is not fetched", re.compile(r"\['src'\]")),
    "feed image details": (
        "only the feed image URL is kept",
        re.compile(r"feed\['image'\]\['(?!href)"),
    ),
    "feed published date": (
        "RawFeed has one date (updated)",
        re.compile(r"feed\['published"),
    ),
    "itunes/podcast": ("iTunes fields are podcast-only", re.compile(r"^$")),
}


def not_applicable(case: Case) -> str | None:
    extra = set(case.headers) - {"content-type", "content-location"}
    if extra:
        return "HTTP headers (needs a server)"
    if case.skip_unless:
        try:
            import feedparser  # the expressions may name it

            eval(case.skip_unless, {"feedparser": feedparser})
        except Exception:
            return "SkipUnless (optional codec/module missing)"
    if case.folder.endswith("itunes"):
        return "itunes/podcast"
    for category, (_, pattern) in SECOND_LEVEL.items():
        if pattern.search(case.expect):
            return category
    fields = referenced_fields(case.expect)
    for category, (_, names) in NOT_MODELED.items():
        if fields & names:
            return category
    return None


# ── our result as a feedparser-like dict ────────────────────────────────────────────
_REL = ' rel="noopener noreferrer"'


class HtmlStr(str):
    """An HTML string equal to any HTML that sanitizes to the same markup: `&#38;` and
    `&amp;`, `<br />` and `<br>` are the same thing."""

    __hash__ = str.__hash__

    def __eq__(self, other: object) -> bool:
        if str.__eq__(self, other) is True:
            return True
        return isinstance(other, str) and canonical(self) == canonical(other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)


class PlainStr(str):
    """A plain-text field (feed title/subtitle) equal to HTML that shows the same text."""

    __hash__ = str.__hash__

    def __eq__(self, other: object) -> bool:
        if str.__eq__(self, other) is True:
            return True
        return isinstance(other, str) and " ".join(self.split()) == " ".join(
            html_to_text(other).split()
        )

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)


def canonical(markup: str) -> str:
    return sanitize_html(markup).replace(_REL, "").strip()


def html_value(text: RawText, base: str | None) -> str:
    if text.type == "text":
        return text.value
    return HtmlStr(sanitize_html(text.value, base_url=base).replace(_REL, ""))


def detail(text: RawText | None, entry: RawEntry) -> View | None:
    if text is None:
        return None
    kind = "text/html" if text.type == "html" else "text/plain"
    return View(
        type=kind,
        value=html_value(text, entry.base_url),
        base=entry.base_url or "",
        language=entry.language,
    )


def author_views(authors: tuple[Any, ...]) -> list[View]:
    views = []
    for a in authors:
        view = View()
        for key, value in (("name", a.name), ("email", a.email), ("href", a.url), ("url", a.url)):
            if value:
                view[key] = value
        views.append(view)
    return views


def author_string(view: View) -> str | None:
    if view.get("name") and view.get("email"):
        return f"{view['name']} ({view['email']})"
    return view.get("name") or view.get("email")


def entry_view(entry: RawEntry) -> View:
    view = View()
    for key, text in (("title", entry.title), ("summary", entry.summary)):
        d = detail(text, entry)
        if d is not None:
            view[key], view[key + "_detail"] = d["value"], d
    content = detail(entry.content, entry)
    if content is not None:
        view["content"] = [content]
        view.setdefault("summary", content["value"])
        view.setdefault("summary_detail", content)
    if "summary" in view:
        view["description"] = view["summary"]
    _put_common(view, entry.authors)
    if entry.guid:
        view["id"] = view["guid"] = entry.guid
    if entry.link:
        view["link"] = entry.link
    if entry.language:
        view["language"] = entry.language
    if entry.published:
        view["published_parsed"] = entry.published.utctimetuple()
    if entry.updated:
        view["updated_parsed"] = entry.updated.utctimetuple()
    if entry.tags:
        view["tags"] = [View(term=t, scheme=None, label=None) for t in entry.tags]
        view["category"] = entry.tags[0]
    view["enclosures"] = [
        View({k: v for k, v in (("href", e.url), ("type", e.type),
                                ("length", str(e.length) if e.length is not None else None))
              if v is not None})
        for e in entry.enclosures
    ]  # fmt: skip
    credits = [View(content=i.credit) for i in entry.images if i.credit]
    if credits:
        view["media_credit"] = credits
    return view


def _put_common(view: View, authors: tuple[Any, ...]) -> None:
    if authors:
        views = author_views(authors)
        view["authors"] = views
        view["author_detail"] = views[0]
        if author_string(views[0]):
            view["author"] = author_string(views[0])


def feed_view(feed: RawFeed) -> View:
    view = View()
    for key, value in (
        ("title", PlainStr(feed.title) if feed.title else None),
        ("link", feed.link),
        ("language", feed.language),
    ):
        if value is not None:
            view[key] = value
    if feed.subtitle is not None:
        view["subtitle"] = view["tagline"] = view["description"] = PlainStr(feed.subtitle)
    if feed.updated:
        view["updated_parsed"] = feed.updated.utctimetuple()
    if feed.image_url:
        view["image"] = View(href=feed.image_url)
    if feed.ttl_minutes is not None:
        view["ttl"] = str(feed.ttl_minutes)
    _put_common(view, feed.authors)
    return view


def result_view(feed: RawFeed | None) -> View:
    if feed is None:
        return View(bozo=1, feed=View(), entries=[], version="")
    return View(
        bozo=1 if feed.bozo else 0,
        feed=feed_view(feed),
        entries=[entry_view(e) for e in feed.entries],
        version=feed.version,
    )


# ── judging ─────────────────────────────────────────────────────────────────────────
_DANGER = re.compile(
    r"<\s*(script|style|iframe|object|embed|applet|meta|link|form|frame|base)\b"
    r"|\son\w+\s*=|\sstyle\s*=|(java|vb)script:|\bdata:|expression\s*\(",
    re.I,
)
_COMPARE = re.compile(r"^(not bozo and )?(\w+(?:\[[^\]]+\])+)\s*==\s*(.+)$", re.S)


def safe_eval(expression: str, view: View) -> bool:
    env = {"__builtins__": {"len": len, "ord": ord, "str": str, "int": int, "set": set,
                            "list": list, "tuple": tuple, "dict": dict, "True": True,
                            "False": False, "None": None, "isinstance": isinstance}}  # fmt: skip
    try:
        return bool(eval(expression, env, dict(view)))
    except Exception:
        return False


def judge_sanitize(expect: str, view: View, source: str) -> bool:
    """Pass when our value has nothing dangerous in it and shows the same text as
    feedparser's expected value (same words after HTML → text)."""
    match = _COMPARE.match(expect.strip())
    if not match:
        return safe_eval(expect, view)
    if match.group(1) and view["bozo"]:
        return False
    try:
        expected = eval(match.group(3), {"__builtins__": {}})
    except Exception:
        return False
    try:
        ours = eval(match.group(2), {"__builtins__": {}}, dict(view))
    except (KeyError, IndexError):
        ours = ""  # the field is empty after sanitizing: nothing was kept
    except Exception:
        return False
    if not isinstance(ours, str) or _DANGER.search(ours):
        return False
    mine, theirs = _words(html_to_text(ours)), _words(html_to_text(expected))
    if mine == theirs:
        return True
    # We never add text, and every word feedparser kept that we did not was inside an
    # element we drop whole (script, style, iframe, title) or a comment in the source.
    return mine <= theirs and (theirs - mine) <= _dropped_words(source)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def _dropped_words(source: str) -> set[str]:
    if not source:
        return set()
    # Parsed as a document, not a fragment: a fragment parse drops a full page's <head>,
    # and with it the <title> whose words feedparser keeps and we drop.
    try:
        tree = lxml.html.document_fromstring(source)
    except lxml.etree.ParserError:  # nothing but whitespace
        return set()
    dropped = tree.xpath(
        "//script|//style|//iframe|//title|//noscript|//comment()|//processing-instruction()"
    )
    words: set[str] = set()
    for node in dropped:
        is_element = isinstance(node.tag, str)
        text = "".join(node.itertext()) if is_element else node.text
        words |= _words(text or "")
    return words


def run_case(case: Case) -> bool:
    url = DOC_ROOT + str(case.path.relative_to(case.path.parents[len(Path(case.folder).parts)]))
    if "content-location" in case.headers:
        url = urljoin(url, case.headers["content-location"])
    content_type, encoding = split_content_type(case.headers.get("content-type"))
    try:
        feed: RawFeed | None = parse_feed(
            case.path.read_bytes(), url=url, content_type=content_type, encoding=encoding
        )
    except ParseError:
        feed = None
    view = result_view(feed)
    if case.folder.endswith("sanitize"):
        return judge_sanitize(case.expect, view, raw_markup(feed))
    return safe_eval(case.expect, view)


def raw_markup(feed: RawFeed | None) -> str:
    """All the raw (unsanitized) markup of a feed, to see what the source had."""
    if feed is None:
        return ""
    parts = [feed.title or "", feed.subtitle or ""]
    for entry in feed.entries:
        parts += [t.value for t in (entry.title, entry.summary, entry.content) if t]
    return "\n".join(parts)


def split_content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media_type, _, params = value.partition(";")
    charset = re.search(r"charset\s*[=:]\s*[\"']?([\w.:-]+)", params, re.I)
    return media_type.strip().lower() or None, charset.group(1).lower() if charset else None


# ── main ────────────────────────────────────────────────────────────────────────────
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, dest="json_out")
    parser.add_argument("--failures", action="store_true", help="list failing cases")
    args = parser.parse_args(argv)
    root: Path = args.data.resolve()
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    skipped: dict[str, Counter[str]] = defaultdict(Counter)
    failures: list[str] = []
    started = time.perf_counter()
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".xml", ".json", ".rdf")):
        case = load_case(path, root)
        if case is None:
            continue
        reason = not_applicable(case)
        if reason:
            skipped[reason][case.folder] += 1
            continue
        total[case.folder] += 1
        if run_case(case):
            passed[case.folder] += 1
        else:
            failures.append(f"{path.relative_to(root)}: {case.expect}")
    report = summarize(passed, total, skipped, time.perf_counter() - started)
    print_report(report, failures if args.failures else [])
    if args.json_out:
        report["failures"] = failures
        args.json_out.write_text(json.dumps(report, indent=2))
    return 0


def summarize(
    passed: Counter[str], total: Counter[str], skipped: dict[str, Counter[str]], seconds: float
) -> dict[str, Any]:
    folders = {
        f: {"passed": passed[f], "applicable": total[f], "rate": round(passed[f] / total[f], 4)}
        for f in sorted(total)
    }
    applicable, ok = sum(total.values()), sum(passed.values())
    return {
        "applicable": applicable,
        "passed": ok,
        "pass_rate": round(ok / applicable, 4) if applicable else 0.0,
        "not_applicable": {
            reason: {"cases": sum(c.values()), "why": _why(reason)}
            for reason, c in sorted(skipped.items())
        },
        "folders": folders,
        "seconds": round(seconds, 2),
    }


def _why(reason: str) -> str:
    if reason in NOT_MODELED:
        return NOT_MODELED[reason][0]
    return SECOND_LEVEL[reason][0] if reason in SECOND_LEVEL else reason


def print_report(report: dict[str, Any], failures: list[str]) -> None:
    for folder, row in report["folders"].items():
        print(f"{folder:32} {row['passed']:5}/{row['applicable']:<5} {row['rate']:.1%}")
    print(f"{'TOTAL':32} {report['passed']:5}/{report['applicable']:<5} {report['pass_rate']:.2%}")
    print("not applicable:")
    for reason, row in report["not_applicable"].items():
        print(f"  {row['cases']:4}  {reason}: {row['why']}")
    for line in failures:
        print("FAIL", line)


if __name__ == "__main__":
    sys.exit(main())
