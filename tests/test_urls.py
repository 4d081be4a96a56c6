"""Resource URL rules."""

from __future__ import annotations

import pytest

from mlroadmap.urls import normalise_url, strip_tracking, url_problem


@pytest.mark.parametrize(
    "url",
    [
        "https://scikit-learn.org/stable/modules/linear_model.html#ridge-regression",
        "https://www.youtube.com/watch?v=fNk_zzaMoSs",
        "https://arxiv.org/abs/1706.03762",
    ],
)
def test_good_urls_pass(url: str) -> None:
    assert url_problem(url) is None


@pytest.mark.parametrize(
    ("url", "message", "fix"),
    [
        ("http://example.org/page", "is not https", "https://"),
        ("javascript:alert(1)", "scheme 'javascript:'", "https://"),
        ("data:text/html,hi", "scheme 'data:'", "https://"),
        ("https://bit.ly/3abc", "link shortener bit.ly", "final address"),
        ("https://youtu.be/fNk_zzaMoSs", "link shortener youtu.be", "final address"),
        ("https://example.org/a?utm_source=x&id=3", "tracking parameters (utm_source)", "https://example.org/a?id=3"),
        ("https://example.org/a b", "white space", "%20"),
        ("https://localhost/x", "no valid host", "full address"),
        ("www.example.org/page", "not an absolute https:// URL", "https://"),
        ("https://user:secret@example.org/", "credentials", "user:password@"),
    ],
)
def test_bad_urls_say_what_and_how_to_fix(url: str, message: str, fix: str) -> None:
    problem = url_problem(url)
    assert problem is not None
    assert message in problem[0]
    assert fix in problem[1]


def test_normalise_ignores_case_of_host_fragment_and_trailing_slash() -> None:
    assert normalise_url("https://Example.org/a/#top") == normalise_url("https://example.org/a")
    assert normalise_url("https://example.org/a") != normalise_url("https://example.org/b")


def test_strip_tracking_keeps_other_parameters() -> None:
    assert strip_tracking("https://e.org/p?utm_medium=a&v=1&fbclid=z") == "https://e.org/p?v=1"
