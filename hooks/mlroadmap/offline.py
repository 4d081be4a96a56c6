"""Links in the offline copy of the site, where every page is an ``.html`` file, not a folder.

MkDocs writes the links of Markdown pages for either layout. Links in raw HTML (the roadmap's
map) and in theme templates are written for the published site's directory URLs
(``core-ml/svm/``); from ``file://`` those would open a folder. :func:`directory_links_to_files`
points each of them that names a page at the page's file instead (``core-ml/svm.html``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping

from mlroadmap.sitepaths import page_url

# A relative link that ends in "/" (a directory URL), with any #fragment: no scheme, no leading "/".
DIRECTORY_HREF_RE = re.compile(r'href="(?P<path>(?![a-z][a-z0-9+.-]*:|/)[^"#?]*/|\./?)(?P<fragment>#[^"]*)?"')


def directory_links_to_files(html: str, page_src: str, file_urls: Mapping[str, str]) -> str:
    """``html`` of page ``page_src`` with its directory-URL links to pages pointed at their files.

    ``file_urls`` maps each page's directory URL (``page_url``) to its file's URL in the offline
    copy, e.g. ``{"core-ml/svm/": "core-ml/svm.html", "": "index.html"}``. Theme templates write
    a link relative to the page's file, generated HTML relative to its directory URL: each link
    is read the first way, then the second, and left as it is when neither names a page.
    """
    here = file_urls.get(page_url(page_src))
    if here is None:
        return html
    bases = (posixpath.dirname(here), page_url(page_src))

    def rewrite(match: re.Match[str]) -> str:
        for base in bases:
            target = posixpath.normpath(posixpath.join(base, match.group("path")))
            file_url = file_urls.get("" if target == "." else target + "/")
            if file_url is not None:
                link = posixpath.relpath(file_url, posixpath.dirname(here) or ".")
                return f'href="{link}{match.group("fragment") or ""}"'
        return match.group(0)

    return DIRECTORY_HREF_RE.sub(rewrite, html)
