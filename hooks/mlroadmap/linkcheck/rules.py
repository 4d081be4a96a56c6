"""What each link status means for contributors, defined once: the contributors' guide shows
this table (a test keeps it in step) and the Resource health page renders it."""

from __future__ import annotations

from dataclasses import dataclass

from mlroadmap.linkcheck.models import BROKEN_AFTER_DAYS, MAX_AGE_DAYS, LinkStatus


@dataclass(frozen=True)
class StatusRule:
    """What a status means for contributors: documented in their guide and on the health page."""

    status: LinkStatus
    meaning: str
    fails_build: str
    expires: str


_AFTER_MAX_AGE = f"after {MAX_AGE_DAYS} days"

STATUS_RULES: tuple[StatusRule, ...] = (
    StatusRule("ok", "The page answered (2xx).", "no", _AFTER_MAX_AGE),
    StatusRule(
        "redirected",
        "The page answered after redirects; a permanent one (301, 308) means the link should be updated.",
        "no",
        _AFTER_MAX_AGE,
    ),
    StatusRule(
        "unverifiable",
        "No verdict yet: a temporary fault (a timeout, a reset connection, a 5xx after retries, a TLS "
        "failure, a refused connection), or a site that refuses automated checks (401, 403, 999).",
        "no",
        f"a temporary fault: on every run; a refusal: after {MAX_AGE_DAYS} days",
    ),
    StatusRule("rate_limited", "The site still answered 429 Too Many Requests after retries.", "no", _AFTER_MAX_AGE),
    StatusRule(
        "broken",
        "Gone: 404 or 410, a host name that does not exist, a redirect loop, an invalid URL; or a "
        f"temporary fault seen on {BROKEN_AFTER_DAYS} different UTC days with no answer in between.",
        "yes: every build names the page and line",
        f"gone: after {MAX_AGE_DAYS} days; a lasting fault: on every run",
    ),
)
"""One rule per status, in the order a reader meets them. "Expires" is when the weekly checker
requests the URL again (:data:`MAX_AGE_DAYS` is ``--max-age-days``); until then the build uses the cached status."""


def status_table() -> str:
    """The rules as a Markdown table: status, meaning, fails the build?, expires."""
    rows = [f"| `{r.status}` | {r.meaning} | {r.fails_build} | {r.expires} |" for r in STATUS_RULES]
    return "\n".join(["| Status | Meaning | Fails the build? | Expires |", "| --- | --- | --- | --- |", *rows])
