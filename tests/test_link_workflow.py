"""The weekly link workflow end to end, outside GitHub: its own ``run:`` steps, in a copy of the repository.

The steps are read from ``.github/workflows/links.yml`` and run with bash as GitHub's runner runs
them, against the misbehaving HTTPS server (trusted through ``SSL_CERT_FILE``) and a fake of the
GitHub issues API on 127.0.0.1 (``GITHUB_API_URL``). Three runs: a broken link opens one issue,
the next run updates it, and once the links are fixed the issue is closed; each run changes
nothing in the checkout but the link status cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, load_script
from support.fake_github import FakeGitHub
from support.pages import Ref, write_pages
from support.testserver import FakeSite, self_signed_certificate

WORKFLOW = Path(".github") / "workflows" / "links.yml"
REPOSITORY = "ml-roadmap/ml-roadmap"
TOKEN = "fake-token-" + uuid.uuid4().hex
CACHE = "data/link-status.json"


def git(checkout: Path, *args: str) -> str:
    """Run git in the checkout and return its output."""
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", *args]
    return subprocess.run(command, cwd=checkout, check=True, capture_output=True, text=True).stdout


@dataclass
class Runner:
    """Runs the workflow's steps in a checkout, as GitHub's ubuntu runner would."""

    checkout: Path
    temp: Path
    environment: dict[str, str]

    def steps(self) -> dict[str, dict[str, Any]]:
        """The check job's steps that have an id, read from the checkout's workflow."""
        workflow = yaml.safe_load((self.checkout / WORKFLOW).read_text(encoding="utf-8"))
        return {step["id"]: step for step in workflow["jobs"]["check"]["steps"] if "id" in step}

    def run(self, step_id: str) -> subprocess.CompletedProcess[str]:
        """Run one ``run:`` step with its ``env:`` (only ``${{ github.token }}`` is an expression)."""
        step = self.steps()[step_id]
        env = dict(self.environment)
        for name, value in (step.get("env") or {}).items():
            if str(value).replace(" ", "") == "${{github.token}}":
                value = TOKEN
            assert "${{" not in str(value), f"the test does not know the expression in {name}: {value}"
            env[name] = str(value)
        assert "${{" not in step["run"], "no expression may be interpolated into a run: script"
        script = self.temp / f"{step_id}.sh"
        script.write_text(step["run"], encoding="utf-8")
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
        return subprocess.run(command, cwd=self.checkout, env=env, capture_output=True, text=True, timeout=300)

    def outputs(self) -> dict[str, str]:
        """What the steps wrote to ``$GITHUB_OUTPUT`` (the last value of each name)."""
        text = Path(self.environment["GITHUB_OUTPUT"]).read_text(encoding="utf-8")
        return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)

    def week(self) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str], bool]:
        """One scheduled run: the check, the issue step, and whether the final step fails the job."""
        Path(self.environment["GITHUB_OUTPUT"]).write_text("", encoding="utf-8")
        check = self.run("check")
        assert check.returncode == 0, check.stdout + check.stderr
        issue = self.run("issue")
        assert issue.returncode == 0, issue.stdout + issue.stderr
        assert self.steps()["fail"]["if"] == "steps.check.outputs.code == '1'"
        return check, issue, self.outputs()["code"] == "1"

    def changed(self) -> list[str]:
        """The files that differ from the last commit, untracked ones included."""
        return sorted(
            line[3:] for line in git(self.checkout, "status", "--porcelain", "--untracked-files=all").splitlines()
        )


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FakeSite, Path]]:
    """The misbehaving server over HTTPS, and the certificate to trust."""
    try:
        cert, key = self_signed_certificate(tmp_path_factory.mktemp("tls"))
    except FileNotFoundError as error:
        pytest.skip(str(error))
    with FakeSite(["127.0.0.1"], tls=(cert, key)) as site:
        yield site, cert


def make_checkout(root: Path, refs: list[Ref]) -> Path:
    """A git repository holding what the workflow uses: its file, the hooks, the script, docs and an empty cache."""
    checkout = root / "checkout"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "hooks", checkout / "hooks", ignore=ignore)
    for path in (WORKFLOW, Path("scripts") / "link_report_issue.py", Path(".gitignore")):
        (checkout / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / path, checkout / path)
    write_pages(checkout / "docs", refs)
    (checkout / CACHE).parent.mkdir(parents=True)
    (checkout / CACHE).write_text("{}\n", encoding="utf-8")
    git(checkout, "init", "-q")
    git(checkout, "add", "-A")
    git(checkout, "commit", "-qm", "the repository as the workflow checks it out")
    return checkout


def test_the_workflow_opens_updates_and_closes_one_issue(server: tuple[FakeSite, Path], tmp_path: Path) -> None:
    site, cert = server
    token = uuid.uuid4().hex[:8]
    fine, gone, wall = site.url(f"ok/{token}"), site.url(f"status/404/{token}"), site.url(f"status/403/{token}")
    checkout = make_checkout(
        tmp_path,
        [Ref("core-ml/a.md", 3, "Fine", fine), Ref("core-ml/a.md", 4, "Gone", gone), Ref("b.md", 3, "Wall", wall)],
    )
    (tmp_path / "runner-temp").mkdir()
    with FakeGitHub(REPOSITORY, TOKEN) as github:
        runner = Runner(
            checkout,
            tmp_path / "runner-temp",
            {
                "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
                "HOME": str(tmp_path),
                "RUNNER_TEMP": str(tmp_path / "runner-temp"),
                "GITHUB_OUTPUT": str(tmp_path / "github-output"),
                "GITHUB_API_URL": github.url,
                "GITHUB_REPOSITORY": REPOSITORY,
                "SSL_CERT_FILE": str(cert),
                "NO_PROXY": "*",
                "PYTHONDONTWRITEBYTECODE": "1",
            },
        )

        # Week 1: a link is gone. One issue is opened, with its label; the job fails.
        check, issue, fails = runner.week()
        assert fails and issue.stdout.strip() == "opened #1"
        assert f"broken: core-ml/a.md:4: {gone}: HTTP 404 Not Found; gone: replace it" in check.stdout
        (opened,) = github.issues.values()
        assert (opened.title, opened.labels, opened.state) == (
            "Link check: broken or moved resources",
            ["link-check"],
            "open",
        )
        assert f"<{gone}>" in opened.body and f"<{fine}>" not in opened.body
        assert github.labels == {"link-check"}
        assert runner.changed() == [CACHE], "the reports go to RUNNER_TEMP; only the cache changes"
        assert (tmp_path / "runner-temp" / "link-report.json").is_file()

        # Week 2: another page cites a link that is gone. The same issue is updated; only the new URL is requested.
        also_gone = site.url(f"status/410/{token}")
        write_pages(checkout / "docs", [Ref("c.md", 3, "Also gone", also_gone)])
        git(checkout, "add", "docs")
        git(checkout, "commit", "-qm", "a contributor cites another resource")
        before = site.count()
        check, issue, fails = runner.week()
        assert fails and issue.stdout.strip() == "updated #1"
        assert site.count() - before == site.count(f"/status/410/{token}") == 2, "the warm cache serves the rest"
        assert len(github.issues) == 1 and f"<{also_gone}>" in github.issues[1].body
        assert runner.changed() == [CACHE]

        # Week 3: both are replaced. The issue gets the final report and is closed; the job passes.
        write_pages(
            checkout / "docs", [Ref("core-ml/a.md", 3, "Fine", fine), Ref("core-ml/a.md", 4, "New", fine + "/new")]
        )
        write_pages(checkout / "docs", [Ref("c.md", 3, "New too", fine + "/too")])
        git(checkout, "add", "docs")
        git(checkout, "commit", "-qm", "the broken links are replaced")
        check, issue, fails = runner.week()
        assert not fails and issue.stdout.strip() == "closed #1", check.stdout
        closed = github.issues[1]
        assert (closed.state, closed.state_reason, closed.comments) == (
            "closed",
            "completed",
            ["No broken or moved links any more: closing."],
        )
        assert len(github.issues) == 1
        assert runner.changed() == [CACHE]

        # A fourth run with nothing to report touches no issue.
        _, issue, fails = runner.week()
        assert not fails and issue.stdout.strip() == "nothing to report, no open issue"

    assert {method for method, _ in github.requests} <= {"GET", "POST", "PATCH"}
    assert all(path.startswith(f"/repos/{REPOSITORY}/") for _, path in github.requests)


def test_the_workflow_keeps_least_privilege_and_needs_no_gh_or_jq() -> None:
    workflow = yaml.safe_load((REPO / WORKFLOW).read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "gh " not in runs and "jq " not in runs
    with_token = [step["name"] for step in job["steps"] if "github.token" in str(step.get("env", {}))]
    assert with_token == ["Open, update or close the report issue"], "only the issue step gets the token"
    text = (REPO / WORKFLOW).read_text(encoding="utf-8")
    assert "contents: read # " in text and "issues: write # " in text, "each permission says why"


def test_the_issue_script_reports_missing_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    script = load_script("link_report_issue")
    (tmp_path / "r.json").write_text('{"summary": {"actionable": 0}}', encoding="utf-8")
    (tmp_path / "r.md").write_text("# Link check report\n", encoding="utf-8")
    argv = ["--report-json", str(tmp_path / "r.json"), "--report-md", str(tmp_path / "r.md")]
    assert script.main(argv, environ={"GITHUB_REPOSITORY": REPOSITORY}) == 2
    assert "set GITHUB_API_URL, GITHUB_TOKEN" in capsys.readouterr().err
    (tmp_path / "r.json").write_text("{}", encoding="utf-8")
    assert script.main(argv, environ={}) == 2
    assert "cannot read the link check reports" in capsys.readouterr().err
