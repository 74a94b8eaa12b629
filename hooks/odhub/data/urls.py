"""Which addresses contributor text may carry: http, https, mailto, and places in the site.

A scheme is read as a browser reads it (the WHATWG URL standard), not as it looks:
leading and trailing control characters and spaces are dropped and tabs and newlines
removed anywhere, so " java\tscript:alert(1)" is a javascript: URL.
"""

from __future__ import annotations

import re

WEB_SCHEMES = ("http", "https", "mailto")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_C0_CONTROL_OR_SPACE = "".join(map(chr, range(0x21)))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def _cleaned(url: str) -> str:
    return _TAB_OR_NEWLINE.sub("", url.strip(_C0_CONTROL_OR_SPACE))


def scheme(url: str) -> str | None:
    """The scheme a browser reads in url, lower-cased, or None for a relative address."""
    match = _SCHEME.match(_cleaned(url))
    return match[1].lower() if match else None


def refusal(url: str) -> str | None:
    """Why url may not be a link or an image in a page, or None when it may: http, https,
    mailto, a relative address or an #anchor."""
    found = scheme(url)
    if found is None:
        # "//host/x" (or "\\host" as browsers read it) leaves the site, and from file://
        # in the offline edition becomes a file: URL.
        if _cleaned(url).replace("\\", "/").startswith("//"):
            return "an address that starts with // leaves the site: write https:// in full"
        return None
    if found in WEB_SCHEMES:
        return None
    return (f"the scheme '{found}:' is not allowed: links and images may use http, https, "
            "mailto or an address within the site")
