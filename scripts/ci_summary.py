"""Build the site strictly and list its problems per file, where a contributor will look.

    python scripts/ci_summary.py [--config-file mkdocs.yml] [--site-dir site]
    python scripts/ci_summary.py --quick [--docs-dir docs]

The build goes to a temporary folder beside ``--site-dir`` and replaces it only when the build
passes: a failed build never leaves a partial site behind that looks good. Every warning the
build logs is grouped by the file it names, as Markdown: appended to ``$GITHUB_STEP_SUMMARY``
in GitHub Actions (the run's summary page), printed at the end otherwise. In GitHub Actions each
problem is also an error annotation on its file and line, shown in the pull request's diff. The
problems are also written as data to ``--problems-file`` (default: ``problems.json`` beside the
site folder): each hook's ``Problem`` as its ``to_dict()``, and every other warning as
``{"message": ...}``.

``--quick`` checks only the front matter and the roadmap, without MkDocs or notebooks (about a
second): the pre-commit hook. Exit status: 0 when there is no problem, 1 otherwise.
"""

from __future__ import annotations

import argparse
import html
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "hooks"))

from mlroadmap.buildlog import collect_warnings  # noqa: E402
from mlroadmap.graph import assemble_roadmap  # noqa: E402
from mlroadmap.load import load_pages, read_docs  # noqa: E402
from mlroadmap.problems import Problem  # noqa: E402
from mlroadmap.releases import RELEASED_PATH, release_problems  # noqa: E402

# Our own problems arrive as data (``Problem``); only MkDocs' own warnings are text, and those
# about a page start "Doc file 'x.md' ...".
MKDOCS_MESSAGE_RE = re.compile(r"^Doc file '(?P<file>[^']+)'")
OTHER = "(no file named)"


@dataclass(frozen=True)
class Finding:
    """One logged problem: its whole message, the file and line it is about (if any), and its text."""

    message: str
    file: str = OTHER
    line: int | None = None
    text: str = ""

    @classmethod
    def of_problem(cls, problem: Problem) -> Finding:
        """A problem a hook reported, located by its own fields."""
        return cls(str(problem), problem.file, problem.line, problem.text)

    @classmethod
    def of_message(cls, message: str) -> Finding:
        """A warning logged without a problem (MkDocs' own): about a page when it names one."""
        match = MKDOCS_MESSAGE_RE.match(message)
        return cls(message, f"docs/{match.group('file')}" if match else OTHER, None, message)


@dataclass
class BuildOutcome:
    """What a strict build did: whether it passed, what it logged (as data and as text), any crash.

    ``problems`` are the hooks' problems; ``others`` the messages of the other warnings;
    ``messages`` every warning's text, in the order logged.
    """

    ok: bool
    messages: list[str] = field(default_factory=list)
    error: str = ""
    crash: str = ""
    problems: list[Problem] = field(default_factory=list)
    others: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        """Every problem and other warning, located."""
        return [*map(Finding.of_problem, self.problems), *map(Finding.of_message, self.others)]

    def problems_json(self) -> str:
        """The problems as data: each ``Problem.to_dict()``, then each other warning as ``{"message": ...}``."""
        records = [*(problem.to_dict() for problem in self.problems), *({"message": m} for m in self.others)]
        return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


# ----------------------------------------------------------------------------------------------
# Building
# ----------------------------------------------------------------------------------------------
def build_site(config_file: Path, site_dir: Path) -> BuildOutcome:
    """Build strictly into a temporary folder; move it to ``site_dir`` only when the build passes.

    A contributor's mistake ends the build with MkDocs' strict-mode abort; any other exception is
    a bug in the build itself and is returned as ``crash`` with its traceback.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    staging = Path(tempfile.mkdtemp(prefix="ml-roadmap-site-"))
    with collect_warnings() as collect:
        try:
            config = load_config(str(config_file), site_dir=str(staging / "site"), strict=True)
            build(config)
        except MkDocsException as error:  # Abort, BuildError, PluginError, ConfigurationError
            return BuildOutcome(False, collect.messages, str(error), "", collect.problems, collect.others)
        except Exception:  # a bug, not a contributor's mistake: keep the traceback for whoever fixes it
            crash = traceback.format_exc()
            return BuildOutcome(False, collect.messages, "the build crashed", crash, collect.problems, collect.others)
        else:
            if site_dir.exists():
                shutil.rmtree(site_dir)
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(staging / "site", site_dir)
            return BuildOutcome(True, collect.messages, "", "", collect.problems, collect.others)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def quick_check(docs_dir: Path) -> list[str]:
    """The front matter, roadmap and released-ids checks of the build, without MkDocs: every problem's message."""
    records, problems = load_pages(read_docs(docs_dir))
    existing = {path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*") if path.is_file()}
    roadmap, roadmap_problems = assemble_roadmap(records, existing)
    released = release_problems(roadmap, docs_dir.parent / RELEASED_PATH, docs_dir)
    return [str(problem) for problem in sorted(problems + roadmap_problems + released)]


# ----------------------------------------------------------------------------------------------
# Reporting
# ----------------------------------------------------------------------------------------------
def group(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Findings by file, files in name order, problems with no file last."""
    grouped: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.file == OTHER, f.file, f.line or 0)):
        grouped.setdefault(finding.file, []).append(finding)
    return grouped


def summary_markdown(outcome: BuildOutcome, title: str = "Strict build") -> str:
    """The job summary: the verdict, then each file with its problems."""
    findings = outcome.findings
    if outcome.ok and not findings:
        return f"## {title}: passed\n\nNo problems. The built site is attached to this run as an artifact.\n"
    grouped = group(findings)
    files = len([name for name in grouped if name != OTHER])
    lines = [f"## {title}: failed, {len(findings)} problem(s) in {files} file(s)", ""]
    if not findings:
        lines += [f"The build stopped: {html.escape(outcome.error, quote=False)}", ""]
    for name, items in grouped.items():
        lines += [f"### `{name}`" if name != OTHER else f"### {name}", ""]
        for finding in items:
            where = f"line {finding.line}: " if finding.line else ""
            first, *rest = finding.text.split("\n")
            lines.append(f"- {where}{html.escape(first, quote=False)}")
            if rest:
                lines += ["", "  ```text", *(f"  {line}" for line in rest), "  ```"]
        lines.append("")
    if outcome.crash:
        lines += [
            "### The build crashed",
            "",
            "A bug in the build, not in your change:",
            "",
            "```text",
            outcome.crash,
            "```",
        ]
    lines.append("Each message says what is wrong and how to fix it; the contributors' guide explains every field.")
    return "\n".join(lines) + "\n"


def annotation_commands(findings: Sequence[Finding], title: str = "Strict build") -> list[str]:
    """GitHub Actions workflow commands that put each problem on its file and line in the diff."""
    commands = []
    for finding in findings:
        place = f"file={_property(finding.file)}," if finding.file != OTHER else ""
        place += f"line={finding.line}," if finding.line else ""
        commands.append(f"::error {place}title={_property(title)}::{_data(finding.message)}")
    return commands


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


# ----------------------------------------------------------------------------------------------
# Command line
# ----------------------------------------------------------------------------------------------
def main(argv: Sequence[str] | None = None) -> int:
    """Run the strict build (or the quick check) and report; 1 when there is any problem."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config-file", type=Path, default=REPO / "mkdocs.yml")
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--docs-dir", type=Path, default=REPO / "docs", help="for --quick")
    parser.add_argument("--problems-file", type=Path, help="default: problems.json beside --site-dir")
    parser.add_argument("--quick", action="store_true", help="front matter and roadmap only, no MkDocs")
    args = parser.parse_args(argv)
    if args.quick:
        messages = quick_check(args.docs_dir)
        for message in messages:
            print(message)
        return 1 if messages else 0

    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.addHandler(console)
    outcome = build_site(args.config_file, args.site_dir)
    logger.removeHandler(console)
    if outcome.crash:
        print(outcome.crash, file=sys.stderr)
    if outcome.error:
        print(outcome.error, file=sys.stderr)
    report = summary_markdown(outcome)
    (args.problems_file or args.site_dir.parent / "problems.json").write_text(outcome.problems_json(), encoding="utf-8")
    if os.environ.get("GITHUB_ACTIONS") == "true" and outcome.findings:
        print("\n".join(annotation_commands(outcome.findings)))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with Path(summary_file).open("a", encoding="utf-8") as summary:
            summary.write(report)
    elif not outcome.ok:
        print("\n" + report)
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
