"""Author elements as feeds write them: a string ("jo@example.com (Jo Bloggs)", "Jo <jo@x>")
or, in some publishers' RSS, child elements (`<name>`, `<title>`, `<email>`, `<uri>`)."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from newsfeed.model import RawAuthor

from .text import resolve

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")

#: Child element local names (lower case) → the RawAuthor field they fill.
PERSON_FIELDS = {
    "name": "name",
    "title": "role",
    "role": "role",
    "jobtitle": "role",
    "position": "role",
    "email": "email",
    "uri": "url",
    "url": "url",
    "link": "url",
}


@lru_cache(maxsize=1024)
def author_from_string(value: str | None) -> RawAuthor | None:
    """Split an RSS author string into name and e-mail; None when it is empty. Cached: a
    feed names the same few people again and again (RawAuthor is immutable)."""
    text = " ".join((value or "").split())
    if not text:
        return None
    match = _EMAIL.search(text) if "@" in text else None
    if match is None:
        return RawAuthor(name=text)
    email = match.group(0)
    rest = (text[: match.start()] + text[match.end() :]).strip()
    name = rest.strip(" ()<>[]\"'").strip() or None
    return RawAuthor(name=name, email=email)


def author_from_element(element: etree._Element) -> RawAuthor | None:
    """An author element: its text as a string, or, when it has child elements, one person
    built from them (name, role, e-mail, profile URL) — never the children's texts run
    together. None when it names nobody."""
    if len(element) == 0:
        return author_from_string(element.text)
    fields = _person_fields(element)
    if not fields:  # markup inside a name ("Jo <b>Bloggs</b>"): read it as one string
        return author_from_string("".join(element.itertext()))
    if not fields.get("name"):
        own = author_from_string(element.text)  # "<author>Jo<title>Editor</title></author>"
        if own is not None and own.name:
            fields["name"] = own.name
        if own is not None and own.email:
            fields.setdefault("email", own.email)
    if not (fields.get("name") or fields.get("email")):
        return None
    url = resolve(element.base, fields.get("url"))
    return RawAuthor(
        name=fields.get("name"), email=fields.get("email"), url=url, role=fields.get("role")
    )


def _person_fields(element: etree._Element) -> dict[str, str]:
    """The first non-empty value of each person field among the element's children."""
    fields: dict[str, str] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        field = PERSON_FIELDS.get(etree.QName(child).localname.lower())
        value = " ".join("".join(child.itertext()).split())
        if field and value and field not in fields:
            fields[field] = value
    return fields
