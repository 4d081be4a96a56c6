"""Where pages live on the site: page URLs from source paths, links between pages, Colab links.

Source paths (``src``) are relative to docs/, as MkDocs' ``File.src_uri``; URLs are those MkDocs
gives with directory URLs (``core-ml/svm.md`` is served at ``core-ml/svm/``).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urljoin, urlsplit

COLAB = "https://colab.research.google.com/github/{repo}/blob/{branch}/{path}"


def page_url(src: str) -> str:
    """The site-relative URL MkDocs gives a page with directory URLs, e.g. ``core-ml/svm/``."""
    stem, _ = posixpath.splitext(src)
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/" if stem else ""


def relative_link(from_src: str, to_src: str) -> str:
    """A relative link from one docs file to another, e.g. ``../core-ml/svm.md``."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def relative_url(from_src: str, to_src: str) -> str:
    """The URL of page ``to_src`` relative to page ``from_src`` (directory URLs), e.g. ``../core-ml/svm/``."""
    link = posixpath.relpath(page_url(to_src) or ".", page_url(from_src) or ".")
    return "./" if link == "." else link + "/"


def absolute_url(site_url: str, src: str) -> str:
    """The full address of a page on the published site, e.g. ``https://example.org/core-ml/svm/``."""
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", page_url(src))


def base_path(site_url: str) -> str:
    """The path the site is served under (as ``mkdocs serve`` serves it too), e.g. ``/ml-roadmap/``."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def colab_url(repo_url: str, src: str, docs_dir: Path, project_dir: Path, branch: str = "main") -> str:
    """The Colab URL of a notebook in a GitHub repository, or '' when the repo is not on GitHub."""
    parts = urlsplit(repo_url)
    if parts.netloc != "github.com":
        return ""
    repo = parts.path.strip("/").removesuffix(".git")
    docs = docs_dir.resolve().relative_to(project_dir.resolve()).as_posix()
    return COLAB.format(repo=repo, branch=branch, path=f"{docs}/{src}")


def project_dir(config_file: str | None, docs_dir: str) -> Path:
    """The folder of the site's configuration file (the repository root), from MkDocs' settings."""
    return Path(config_file).parent if config_file else Path(docs_dir).parent
