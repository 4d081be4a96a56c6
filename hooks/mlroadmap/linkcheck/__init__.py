"""Resource link checking for ML Roadmap.

Offline pieces, safe in every build (standard library and pydantic, no network, no MkDocs):
:func:`known_dead` flags resources the committed cache last saw broken, and
:func:`check_internal_links` checks links and anchors across the built site. The cache file
is read and written with :func:`load_cache` and :func:`save_cache`; each entry keeps a short
history, from which ``history`` decides when a temporary fault has lasted long enough to be
broken (``rules`` says what each status means). ``health`` renders the public Resource health
page and ``markers`` the marks beside listed resources. Problems are
``mlroadmap.problems.Problem`` records of kind :data:`DEAD_RESOURCE` or :data:`INTERNAL_LINK`.

The online checker (``python -m mlroadmap.linkcheck``, modules ``checker``, ``runner`` and
``cli``) needs ``httpx`` and ``tenacity`` and is imported only when used.
"""

from __future__ import annotations

from mlroadmap.linkcheck.cache import CacheError, load_cache, merge_results, save_cache, urls_due
from mlroadmap.linkcheck.dead import known_dead
from mlroadmap.linkcheck.internal import check_internal_links
from mlroadmap.linkcheck.models import DEAD_RESOURCE, INTERNAL_LINK, CacheEntry, CheckResult, LinkStatus

__all__ = [
    "DEAD_RESOURCE",
    "INTERNAL_LINK",
    "CacheEntry",
    "CacheError",
    "CheckResult",
    "LinkStatus",
    "check_internal_links",
    "known_dead",
    "load_cache",
    "merge_results",
    "save_cache",
    "urls_due",
]
