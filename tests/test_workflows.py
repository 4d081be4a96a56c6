"""GitHub workflows: least privilege, pinned actions, and no zizmor findings."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
USES_RE = re.compile(r"^\s*-?\s*uses:\s*(\S+)", re.MULTILINE)


def zizmor() -> str:
    candidate = Path(sys.executable).with_name("zizmor")
    found = str(candidate) if candidate.exists() else shutil.which("zizmor")
    assert found, "zizmor is not installed (it is in the 'tests' dependency group)"
    return found


def test_zizmor_offline_reports_no_findings() -> None:
    result = subprocess.run(
        [zizmor(), "--offline", "--no-progress", str(REPO / ".github")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout, result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_default_permissions_are_empty(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data["permissions"] == {}
    on = data.get("on", data.get(True))
    assert "pull_request_target" not in on


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit(workflow: Path) -> None:
    for action in USES_RE.findall(workflow.read_text(encoding="utf-8")):
        if action.startswith("./"):
            continue
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action


def test_only_the_deploy_job_may_write() -> None:
    for workflow in WORKFLOWS:
        data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
        for name, job in data["jobs"].items():
            writes = {scope for scope, level in (job.get("permissions") or {}).items() if level == "write"}
            allowed = {"deploy.yml": {"deploy": {"pages", "id-token"}}}.get(workflow.name, {}).get(name, set())
            if workflow.name == "links.yml":
                allowed = {"issues"}
            assert writes <= allowed, (workflow.name, name, writes)


def test_deploy_publishes_the_site_that_passed_the_strict_build() -> None:
    data = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    steps = data["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "./run build" in runs and "./run test" in runs
    upload = next(step for step in steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    assert data["jobs"]["deploy"]["needs"] == "build"


def test_deploy_executes_over_shards_and_builds_from_their_merged_caches() -> None:
    data = yaml.safe_load((REPO / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    execute = data["jobs"]["execute"]
    shards = execute["strategy"]["matrix"]["shard"]
    runs = [step.get("run", "") for step in execute["steps"]]
    assert f'./run build --shard "$SHARD/{len(shards)}" --export shard-cache' in runs
    assert shards == list(range(1, len(shards) + 1))
    upload = next(step for step in execute["steps"] if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "shard-cache/"
    build = data["jobs"]["build"]
    assert build["needs"] == "execute"
    runs = [step.get("run", "") for step in build["steps"]]
    assert runs.index("./run merge-cache shard-caches/*") < runs.index("./run build")
