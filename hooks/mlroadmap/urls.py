"""Rules for a resource URL: ``https://``, a real host, no shortener, no tracking parameters."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit, urlunsplit

URL_SHORTENERS = frozenset(
    {
        "bit.ly", "buff.ly", "cutt.ly", "goo.gl", "is.gd", "lnkd.in", "ow.ly", "rb.gy",
        "rebrand.ly", "shorturl.at", "t.co", "t.ly", "tiny.cc", "tinyurl.com", "youtu.be",
    }
)  # fmt: skip
FORBIDDEN_SCHEMES = frozenset({"javascript", "data", "file", "vbscript", "ftp", "mailto"})
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "igshid", "si"})


def url_problem(url: str) -> tuple[str, str] | None:
    """Say what is wrong with a resource URL as ``(message, fix)``, or None when it is fine."""
    if url != url.strip() or any(character.isspace() for character in url):
        return f"URL {url!r} contains white space", "remove the spaces or encode them as %20"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in FORBIDDEN_SCHEMES:
        return f"URL scheme '{scheme}:' is not allowed", "link a public https:// page instead"
    if scheme == "http":
        return f"URL {url!r} is not https", "use the https:// address of the same page"
    if scheme != "https":
        return f"{url!r} is not an absolute https:// URL", "write the full address, starting https://"
    host = (parts.hostname or "").lower()
    if not host or "." not in host:
        return f"URL {url!r} has no valid host name", "write the full address, e.g. https://example.org/page"
    if parts.username or parts.password:
        return f"URL {url!r} contains credentials", "remove the 'user:password@' part"
    if host.removeprefix("www.") in URL_SHORTENERS:
        return (
            f"URL {url!r} uses the link shortener {host}",
            "link the final address the short link redirects to",
        )
    tracking = sorted(name for name in _query_names(url) if _is_tracking_parameter(name))
    if tracking:
        return (
            f"URL {url!r} carries tracking parameters ({', '.join(tracking)})",
            f"use {strip_tracking(url)}",
        )
    return None


def normalise_url(url: str) -> str:
    """Normalise for duplicate detection: lower-case scheme and host, no fragment or trailing '/'."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def strip_tracking(url: str) -> str:
    """The URL without its tracking query parameters."""
    parts = urlsplit(url)
    kept = [
        f"{name}={value}" if value else name
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking_parameter(name)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def _query_names(url: str) -> list[str]:
    return [name for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)]


def _is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMETERS
