"""Entity tags as they come back through the gateway.

The gateway's compression marks a strong ETag with the coding it applied (`"7"` → `"7-zstd"`, `"7-gzip"`,
`"7-br"`), as RFC 9110 allows, and clients send that form back. Every comparison strips the mark and the
weak prefix, so conditional requests work whether or not the response was compressed.
"""

from __future__ import annotations

_CODING_MARKS = ("-zstd", "-gzip", "-br", "-deflate")


def opaque(tag: str) -> str:
    """The tag's value without `W/`, quotes or the gateway's coding mark: `W/"7-gzip"` → `7`."""
    value = tag.strip().removeprefix("W/").strip('"')
    for mark in _CODING_MARKS:
        if value.endswith(mark):
            return value.removesuffix(mark)
    return value


def none_match(header: str | None, etag: str) -> bool:
    """True when `If-None-Match` names `etag` (or `*`): the client's copy is current (answer 304)."""
    if not header:
        return False
    tags = [tag for tag in header.split(",") if tag.strip()]
    return any(tag.strip() == "*" or opaque(tag) == opaque(etag) for tag in tags)
