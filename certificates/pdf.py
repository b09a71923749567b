"""HTML to PDF: the only module that imports WeasyPrint.

Certificate HTML may only load data: URIs and files from our own design and static folders.
A design is written by a school, so without this a `<link>`, `<img>` or `<a rel=attachment>`
could read any file on the server into the PDF, or reach the network.
"""

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint  # noqa: TID251  (this module is the gateway)
from django.conf import settings

from certificates.rendering import DESIGNS_DIR

# A certificate is one page; a design's CSS that spills it over hundreds of pages would keep
# the worker busy laying them out and writing them.
MAX_PAGES = 4
TOO_MANY_PAGES = "The certificate would be %(pages)s pages long; it may be at most %(limit)s."


def _allowed_roots() -> list[Path]:
    roots = [DESIGNS_DIR, *map(Path, settings.STATICFILES_DIRS)]
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [root.resolve() for root in roots]


class LocalOnlyFetcher(weasyprint.URLFetcher):
    """data: URIs, and file: URLs inside our own folders; nothing else."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=5)
        self.roots = _allowed_roots()

    def fetch(self, url, headers=None):
        if url[:5].lower() == "file:":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"Certificates may not load {url}")
        return super().fetch(url, headers)


def html_to_pdf(html: str) -> bytes:
    document = weasyprint.HTML(
        string=html, base_url=DESIGNS_DIR.as_uri() + "/", url_fetcher=LocalOnlyFetcher()
    )
    rendered = document.render()
    if len(rendered.pages) > MAX_PAGES:
        raise ValueError(TOO_MANY_PAGES % {"pages": len(rendered.pages), "limit": MAX_PAGES})
    return rendered.write_pdf()
