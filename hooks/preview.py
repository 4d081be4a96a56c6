"""MkDocs hooks: a live preview that keeps up with a contributor's edits under ``mkdocs serve``.

Only under ``mkdocs serve`` (``./run serve`` runs it with ``--dirty``: only changed pages are
rebuilt): each rebuilt page that has problems shows them in a banner at its top, the terminal
ends each build with an error line counting them, Jinja keeps its compiled theme templates in
``.cache/preview``, and mkdocs-jupyter works on a linked copy of its cache. ``mkdocs build``
(``./run build``, CI) is untouched: these handlers do nothing there.

Thin adapters only: the preview's pure parts live in ``mlroadmap.preview``.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import event_priority

from mlroadmap.preview import DropDirtyWarning, PageProblems, banner_html, link_tree, with_banner
from mlroadmap.sitepaths import project_dir

if TYPE_CHECKING:
    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.preview")

TEMPLATE_CACHE = Path(".cache") / "preview" / "jinja"
JUPYTER_PLUGIN = "mkdocs-jupyter"
SERVER_LOGGER = "mkdocs.livereload"  # its request log ("GET ... code 404") is not about a page


@dataclass
class Session:
    """The preview of one ``mkdocs serve`` process: its folder and the current build's problems."""

    dirty: bool
    folder: Path
    problems: PageProblems | None = None
    jupyter_cache_linked: bool = False


# Set in on_startup, once per process: MkDocs keeps hook modules loaded across serve rebuilds.
_session: Session | None = None


# ----------------------------------------------------------------------------------------------
# Event handlers
# ----------------------------------------------------------------------------------------------
def on_startup(command: str, dirty: bool) -> None:
    """Under ``mkdocs serve``, start the preview: collect problems by page, hide the dirty warning."""
    global _session
    _session = None
    if command != "serve":
        return
    _session = Session(dirty, Path(tempfile.mkdtemp(prefix="mlroadmap-preview-")))
    logging.getLogger("mkdocs.commands.build").addFilter(DropDirtyWarning())
    if dirty:
        log.info("Preview: rebuilding only the pages you change; ./run build checks the whole site")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start collecting this build's problems; point mkdocs-jupyter at the preview's cache copy."""
    if _session is None:
        return config
    if _session.problems is not None:
        logging.getLogger("mkdocs").removeHandler(_session.problems)
    _session.problems = PageProblems(lambda: _current_src(config), ignore=(log.name, SERVER_LOGGER))
    logging.getLogger("mkdocs").addHandler(_session.problems)
    plugin = config.plugins.get(JUPYTER_PLUGIN)
    if _session.dirty and plugin is not None:
        copy = _session.folder / "mkdocs-jupyter"
        if not _session.jupyter_cache_linked:
            link_tree(project_dir(config.config_file_path, config.docs_dir) / str(plugin.config["cache_dir"]), copy)
            _session.jupyter_cache_linked = True
        plugin.config["cache_dir"] = str(copy)
    return config


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Reuse compiled theme templates across rebuilds (Jinja checks each against its source)."""
    if _session is not None:
        folder = project_dir(config.config_file_path, config.docs_dir) / TEMPLATE_CACHE
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


@event_priority(-100)  # last: after every plugin and hook has finished the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put the page's problems in a banner at its top."""
    if _session is None or _session.problems is None:
        return output
    messages = _session.problems.by_page.get(page.file.src_uri)
    return with_banner(output, banner_html(page.file.src_uri, messages)) if messages else output


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """End the build's log with the count of problems, as an error: the full build fails on them."""
    if _session is not None and _session.problems is not None and _session.problems.count:
        log.error(
            f"Preview: {_session.problems.count} problem(s) above; ./run build and CI fail on them "
            "(each page rebuilt also shows its own in a banner)"
        )


def on_shutdown() -> None:
    """Stop collecting and remove the preview's session folder."""
    if _session is not None:
        if _session.problems is not None:
            logging.getLogger("mkdocs").removeHandler(_session.problems)
        shutil.rmtree(_session.folder, ignore_errors=True)


# ----------------------------------------------------------------------------------------------
# Helpers
# ----------------------------------------------------------------------------------------------


def _current_src(config: MkDocsConfig) -> str | None:
    page = getattr(config, "_current_page", None)
    return page.file.src_uri if page is not None else None
