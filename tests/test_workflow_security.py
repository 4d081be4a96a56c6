"""Pull requests from forks run unprivileged; only unprivileged jobs execute contributors' code.

Pinned actions, empty default permissions and a clean ``zizmor --offline`` are checked for every
workflow in ``test_workflows.py``; this adds what matters for contributors' pull requests, and
that Dependabot keeps actions and Python dependencies current.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
# Steps that run the contributor's code: the build executes notebooks, the tests import hooks.
RUNS_CONTRIBUTED_CODE = re.compile(
    r"\./run (build|test|check|serve|lint|merge-cache)\b|mkdocs (build|serve)|pytest|jupyter|nbclient"
)
DANGEROUS_TRIGGERS = {"pull_request_target", "workflow_run"}


def load(workflow: Path) -> dict[str, Any]:
    data: dict[Any, Any] = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    data["on"] = data.get("on", data.pop(True, None))  # YAML 1.1 reads the key `on` as True
    return data


def triggers(data: dict[str, Any]) -> set[str]:
    on = data["on"]
    return {on} if isinstance(on, str) else set(on)


def pull_request_workflows() -> list[Path]:
    return [w for w in WORKFLOWS if "pull_request" in triggers(load(w))]


def test_pull_requests_are_checked() -> None:
    assert [w.name for w in pull_request_workflows()] == ["ci.yml"]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_no_trigger_runs_forked_code_with_privileges(workflow: Path) -> None:
    assert not triggers(load(workflow)) & DANGEROUS_TRIGGERS


@pytest.mark.parametrize("workflow", pull_request_workflows(), ids=lambda p: p.name)
def test_pull_request_jobs_are_read_only_and_use_no_secrets(workflow: Path) -> None:
    data = load(workflow)
    assert data["permissions"] == {}
    for name, job in data["jobs"].items():
        assert set((job.get("permissions") or {}).values()) <= {"read", "none"}, name
    text = workflow.read_text(encoding="utf-8")
    assert "secrets." not in text
    assert "github.token" not in text


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_contributed_code_runs_only_in_read_only_jobs_without_credentials(workflow: Path) -> None:
    for name, job in load(workflow)["jobs"].items():
        steps = job.get("steps", [])
        if not any(RUNS_CONTRIBUTED_CODE.search(step.get("run", "")) for step in steps):
            continue
        assert set((job.get("permissions") or {}).values()) <= {"read", "none"}, (workflow.name, name)
        for step in steps:
            assert "secrets." not in str(step), (workflow.name, name)
            if "actions/checkout" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False, (workflow.name, name)


def test_ci_runs_what_run_check_runs_and_shows_every_result() -> None:
    steps = load(REPO / ".github" / "workflows" / "ci.yml")["jobs"]["build-and-test"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert runs == ["./run lint", "./run build", "./run test"]
    # These steps run contributors' code: the read-only check above must recognise every one.
    assert all(RUNS_CONTRIBUTED_CODE.search(run) for run in runs), runs
    later = [step for step in steps if step.get("run") in {"./run build", "./run test"}]
    assert all(step["if"] == "${{ !cancelled() }}" for step in later)  # a lint failure hides nothing
    upload = next(step for step in steps if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    assert "steps.build.outcome == 'success'" in upload["if"]  # only a site that passed


def cache_steps(workflow: Path) -> list[tuple[str, int, dict[str, Any]]]:
    """Every step that uses a cache action: (job, position in the job, step)."""
    return [
        (name, index, step)
        for name, job in load(workflow)["jobs"].items()
        for index, step in enumerate(job.get("steps", []))
        if "actions/cache" in step.get("uses", "")
    ]


@pytest.mark.parametrize("workflow", pull_request_workflows(), ids=lambda p: p.name)
def test_pull_requests_restore_caches_but_never_save_one(workflow: Path) -> None:
    steps = [step for _, _, step in cache_steps(workflow)]
    assert steps, "pull requests restore main's execution cache and pip's downloads"
    assert all(step["uses"].startswith("actions/cache/restore@") for step in steps)  # no post-job save
    for job in load(workflow)["jobs"].values():
        for step in job.get("steps", []):
            if "actions/setup-python" in step.get("uses", ""):
                assert "cache" not in step.get("with", {})  # setup-python's cache saves after the job


def test_ci_restores_main_execution_cache_before_it_builds() -> None:
    steps = load(REPO / ".github" / "workflows" / "ci.yml")["jobs"]["build-and-test"]["steps"]
    build = next(index for index, step in enumerate(steps) if step.get("run") == "./run build")
    restored = [step for step in steps[:build] if step.get("uses", "").startswith("actions/cache/restore@")]
    paths = "\n".join(step["with"]["path"] for step in restored)
    assert ".cache/notebooks" in paths and "~/.cache/pip" in paths


def test_caches_are_saved_only_by_main_deploy_after_the_strict_build_and_tests() -> None:
    deploy = REPO / ".github" / "workflows" / "deploy.yml"
    assert triggers(load(deploy)) == {"push", "workflow_dispatch"}
    assert load(deploy)["on"]["push"]["branches"] == ["main"]
    saves = [(w.name, job, index, step) for w in WORKFLOWS for job, index, step in cache_steps(w)]
    saves = [save for save in saves if not save[3]["uses"].startswith("actions/cache/restore@")]
    assert saves and {(name, job) for name, job, _, _ in saves} == {("deploy.yml", "build")}
    steps = load(deploy)["jobs"]["build"]["steps"]
    runs = [step.get("run") for step in steps]
    passed = max(runs.index("./run build"), runs.index("./run test"))
    restore_keys = {step["with"].get("restore-keys") for w in WORKFLOWS for _, _, step in cache_steps(w)} - {None}
    for _, _, index, step in saves:
        assert step["uses"].startswith("actions/cache/save@")
        assert index > passed  # after the strict build and the tests, and only when both passed:
        assert not any(word in step.get("if", "") for word in ("always()", "failure()", "cancelled()"))
        assert any(step["with"]["key"].startswith(prefix) for prefix in restore_keys)  # what the others restore


def test_dependabot_updates_actions_and_python_with_a_cooldown() -> None:
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["cooldown"]["default-days"] >= 7


def test_issue_forms_and_pull_request_template_exist() -> None:
    forms = REPO / ".github" / "ISSUE_TEMPLATE"
    for name in ("suggest-resource.yml", "report-problem.yml", "propose-topic.yml"):
        form = yaml.safe_load((forms / name).read_text(encoding="utf-8"))
        assert form["name"] and form["description"] and form["body"], name
        ids = [item["id"] for item in form["body"] if "id" in item]
        assert len(ids) == len(set(ids)), name
    assert yaml.safe_load((forms / "config.yml").read_text(encoding="utf-8"))["blank_issues_enabled"] is False
    template = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "./run check" in template and "- [ ]" in template
