"""Build the site strictly and list its problems per file, where a contributor will look.

    python scripts/ci_summary.py [--config-file mkdocs.yml] [--site-dir site]
    python scripts/ci_summary.py --quick [--docs-dir docs]

The build goes to a temporary folder beside ``--site-dir`` and replaces it only when the build
passes: a failed build never leaves a partial site behind that looks good. Every warning the
build logs is grouped by the file it names, as Markdown: appended to ``$GITHUB_STEP_SUMMARY``
in GitHub Actions (the run's summary page), printed at the end otherwise. In GitHub Actions each
problem is also an error annotation on its file and line, shown in the pull request's diff.

``--quick`` checks only the front matter and the roadmap, without MkDocs or notebooks (about a
second): the pre-commit hook. Exit status: 0 when there is no problem, 1 otherwise.
"""

from __future__ import annotations

import argparse
import html
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
from mlroadmap.graph import build_roadmap, notebook_problems  # noqa: E402
from mlroadmap.load import load_docs  # noqa: E402

# "docs/basics/alpha.md:12: ..." (the roadmap's own messages) and MkDocs' "Doc file 'x.md' ...".
OWN_MESSAGE_RE = re.compile(r"^(?P<file>docs/[^\n]+?\.(?:md|ipynb|ya?ml|json))(?::(?P<line>\d+))?: ")
MKDOCS_MESSAGE_RE = re.compile(r"^Doc file '(?P<file>[^']+)'")
OTHER = "(no file named)"


@dataclass(frozen=True)
class Finding:
    """One logged problem, and the file and line it names (if any)."""

    message: str
    file: str = OTHER
    line: int | None = None

    @property
    def text(self) -> str:
        """The message without the file and line it starts with."""
        return self.message.removeprefix(f"{self.file}:{self.line}: " if self.line else f"{self.file}: ")


@dataclass
class BuildOutcome:
    """What a strict build did: whether it passed, every warning or error it logged, any crash."""

    ok: bool
    messages: list[str] = field(default_factory=list)
    error: str = ""
    crash: str = ""


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
            return BuildOutcome(False, collect.messages, str(error))
        except Exception:  # a bug, not a contributor's mistake: keep the traceback for whoever fixes it
            return BuildOutcome(False, collect.messages, "the build crashed", traceback.format_exc())
        else:
            if site_dir.exists():
                shutil.rmtree(site_dir)
            site_dir.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(staging / "site", site_dir)
            return BuildOutcome(True, collect.messages)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def quick_check(docs_dir: Path) -> list[str]:
    """The front matter and roadmap checks of the build, without MkDocs: every problem's message."""
    records, problems = load_docs(docs_dir)
    roadmap, graph_problems = build_roadmap(records)
    existing = {path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*") if path.is_file()}
    return [str(problem) for problem in sorted(problems + graph_problems + notebook_problems(roadmap, existing))]


# ----------------------------------------------------------------------------------------------
# Reporting
# ----------------------------------------------------------------------------------------------
def locate(message: str) -> Finding:
    """The file (relative to the repository) and line a logged message names."""
    if match := OWN_MESSAGE_RE.match(message):
        line = match.group("line")
        return Finding(message, match.group("file"), int(line) if line else None)
    if match := MKDOCS_MESSAGE_RE.match(message):
        return Finding(message, f"docs/{match.group('file')}")
    return Finding(message)


def group(findings: Sequence[Finding]) -> dict[str, list[Finding]]:
    """Findings by file, files in name order, problems with no file last."""
    grouped: dict[str, list[Finding]] = {}
    for finding in sorted(findings, key=lambda f: (f.file == OTHER, f.file, f.line or 0)):
        grouped.setdefault(finding.file, []).append(finding)
    return grouped


def summary_markdown(outcome: BuildOutcome, title: str = "Strict build") -> str:
    """The job summary: the verdict, then each file with its problems."""
    findings = [locate(message) for message in outcome.messages]
    if outcome.ok and not findings:
        return f"## {title}: passed\n\nNo problems. The built site is attached to this run as an artifact.\n"
    grouped = group(findings)
    files = len([name for name in grouped if name != OTHER])
    lines = [f"## {title}: failed, {len(findings)} problem(s) in {files} file(s)", ""]
    if not findings:
        lines += [f"The build stopped: {_escape(outcome.error)}", ""]
    for name, items in grouped.items():
        lines += [f"### `{name}`" if name != OTHER else f"### {name}", ""]
        for finding in items:
            where = f"line {finding.line}: " if finding.line else ""
            first, *rest = finding.text.split("\n")
            lines.append(f"- {where}{_escape(first)}")
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


def annotation_commands(messages: Sequence[str], title: str = "Strict build") -> list[str]:
    """GitHub Actions workflow commands that put each problem on its file and line in the diff."""
    commands = []
    for finding in map(locate, messages):
        place = f"file={_property(finding.file)}," if finding.file != OTHER else ""
        place += f"line={finding.line}," if finding.line else ""
        commands.append(f"::error {place}title={_property(title)}::{_data(finding.message)}")
    return commands


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


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
    if os.environ.get("GITHUB_ACTIONS") == "true" and outcome.messages:
        print("\n".join(annotation_commands(outcome.messages)))
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with Path(summary_file).open("a", encoding="utf-8") as summary:
            summary.write(report)
    elif not outcome.ok:
        print("\n" + report)
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
