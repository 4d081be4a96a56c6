"""The rule that tells a passing fault from a lasting one, and the history the cache keeps for it."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from mlroadmap.linkcheck.cache import CacheError, load_cache, merge_results, save_cache, urls_due
from mlroadmap.linkcheck.history import advance
from mlroadmap.linkcheck.models import CacheEntry, CheckResult, History, LinkStatus

URL = "https://example.org/page"
MONDAY = datetime(2026, 11, 23, 5, 0, tzinfo=UTC)


def at(day: int, hour: int = 5) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def check(
    moment: datetime, status: LinkStatus = "unverifiable", *, transient: bool = True, http: int | None = None
) -> CheckResult:
    error = None if status in ("ok", "redirected") else ("timed out after 3 attempts (10 s each)" if transient else "x")
    return CheckResult(URL, status, http, None, (), False, moment, error, transient)


def replay(*results: CheckResult) -> CacheEntry:
    entry: CacheEntry | None = None
    for result in results:
        entry = advance(entry, result)
    assert entry is not None
    return entry


def test_one_temporary_fault_is_unverifiable_and_starts_a_history() -> None:
    entry = replay(check(at(20)))
    assert (entry.status, entry.transient) == ("unverifiable", True)
    assert entry.history == History(None, at(20), 1, (date(2026, 11, 20),))


def test_faults_on_one_day_stay_unverifiable() -> None:
    entry = replay(check(at(20, 1)), check(at(20, 12)), check(at(20, 23)))
    assert entry.status == "unverifiable"
    assert (entry.history.consecutive_failures, entry.history.failure_days) == (3, (date(2026, 11, 20),))


def test_faults_on_two_days_with_no_success_between_are_broken() -> None:
    entry = replay(check(at(20, 23)), check(at(21, 0)))
    assert (entry.status, entry.transient) == ("broken", True)
    assert entry.history.first_failed_at == at(20, 23)
    assert entry.history.failure_days == (date(2026, 11, 20), date(2026, 11, 21))


def test_a_success_between_clears_the_history() -> None:
    entry = replay(check(at(20)), check(at(21), "ok", transient=False, http=200), check(at(22)))
    assert entry.status == "unverifiable"
    assert entry.history == History(at(21), at(22), 1, (date(2026, 11, 22),))
    assert replay(check(at(20)), check(at(21), "redirected", transient=False, http=200)).history == History(at(21))


def test_a_refusal_or_a_rate_limit_proves_nothing_either_way() -> None:
    refused = check(at(21), "unverifiable", transient=False, http=403)
    limited = check(at(21), "rate_limited", transient=False, http=429)
    for between in (refused, limited):
        entry = replay(check(at(20)), between)
        assert entry.status == between.status and not entry.transient
        assert entry.history.failure_days == (date(2026, 11, 20),)
        assert replay(check(at(20)), between, check(at(22))).status == "broken"


def test_a_gone_page_is_broken_at_once() -> None:
    entry = replay(check(at(20), "broken", transient=False, http=404))
    assert (entry.status, entry.transient, entry.history.consecutive_failures) == ("broken", False, 1)


def test_the_history_stays_short() -> None:
    entry = replay(*(check(at(day)) for day in range(1, 20)))
    assert len(entry.history.failure_days) == 7 and entry.history.failure_days[-1] == date(2026, 11, 19)
    assert entry.history.consecutive_failures == 19 and entry.history.first_failed_at == at(1)


def test_temporary_faults_are_due_on_every_run() -> None:
    cache = {
        "https://example.org/fault": replay(check(MONDAY)),
        "https://example.org/fine": replay(check(MONDAY, "ok", transient=False, http=200)),
        "https://example.org/wall": replay(check(MONDAY, "unverifiable", transient=False, http=403)),
        "https://example.org/lasting": replay(check(at(22)), check(MONDAY)),
    }
    due = urls_due(cache, list(cache), MONDAY, max_age=timedelta(days=7))
    assert due == ["https://example.org/fault", "https://example.org/lasting"]


def test_the_history_is_saved_and_loaded(tmp_path: Path) -> None:
    path = tmp_path / "link-status.json"
    cache = merge_results({}, [check(at(20))])
    cache = merge_results(cache, [check(at(21))])
    save_cache(path, cache)
    stored = json.loads(path.read_text(encoding="utf-8"))[URL]
    assert (stored["status"], stored["transient"]) == ("broken", True)
    assert stored["history"] == {
        "consecutive_failures": 2,
        "failure_days": ["2026-11-20", "2026-11-21"],
        "first_failed_at": "2026-11-20T05:00:00Z",
        "last_ok_at": None,
    }
    assert load_cache(path) == cache


def test_a_cache_written_before_the_history_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "link-status.json"
    old = {
        "status": "broken",
        "http_status": None,
        "final_url": None,
        "permanent_redirect": False,
        "checked_at": "2026-11-13T05:00:00Z",
        "error": "timed out",
    }
    path.write_text(json.dumps({URL: old}), encoding="utf-8")
    (loaded,) = load_cache(path).values()
    assert (loaded.status, loaded.transient, loaded.history) == ("broken", False, History())
    assert advance(loaded, check(at(20))).status == "unverifiable", "an old 'timed out' verdict is not held against it"


@pytest.mark.parametrize(
    ("history", "complaint"),
    [
        ({"failure_days": ["yesterday"]}, "history.failure_days.0: 'yesterday' is not a date (write YYYY-MM-DD)"),
        (
            {"consecutive_failures": -1},
            "history.consecutive_failures: Input should be greater than or equal to 0, got -1",
        ),
        ({"last_ok_at": "soon"}, "history.last_ok_at: 'soon' is not an ISO 8601 timestamp"),
    ],
)
def test_a_malformed_history_is_reported_with_file_url_and_field(
    tmp_path: Path, history: dict[str, object], complaint: str
) -> None:
    path = tmp_path / "link-status.json"
    entry = {
        "status": "ok",
        "http_status": 200,
        "final_url": None,
        "permanent_redirect": False,
        "checked_at": "2026-11-20T00:00:00Z",
        "error": None,
        "history": history,
    }
    path.write_text(json.dumps({URL: entry}), encoding="utf-8")
    with pytest.raises(CacheError) as raised:
        load_cache(path)
    assert str(raised.value) == f"{path}: entry for {URL!r}: {complaint} (fix it or delete the entry)"
