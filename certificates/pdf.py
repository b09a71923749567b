"""HTML to PDF: the only module that imports WeasyPrint.

Certificate HTML may only load data: URIs and files from our own design and static folders.
A design is written by a school, so without this a `<link>`, `<img>` or `<a rel=attachment>`
could read any file on the server into the PDF, or reach the network.
"""

import multiprocessing
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
# Layout time is not bounded by the design's size: an SVG whose <use> (or <image>) elements
# each repeat the group before ten times draws 10**n shapes from a kilobyte of markup, and the
# same works through a data: image. The sandbox's budget ends at the template, so WeasyPrint
# runs in a child process that is killed when it takes longer than this.
PDF_RENDER_SECONDS = 10
TOO_SLOW = "The certificate took more than %(limit)s seconds to lay out."


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


def _render(html: str) -> bytes:
    document = weasyprint.HTML(
        string=html, base_url=DESIGNS_DIR.as_uri() + "/", url_fetcher=LocalOnlyFetcher()
    )
    rendered = document.render()
    if len(rendered.pages) > MAX_PAGES:
        raise ValueError(TOO_MANY_PAGES % {"pages": len(rendered.pages), "limit": MAX_PAGES})
    return rendered.write_pdf()


def _render_into(html: str, pipe) -> None:
    """In the child process: send back (True, the PDF) or (False, the error's text)."""
    try:
        result = (True, _render(html))
    except Exception as exc:  # WeasyPrint may fail on a school's HTML or CSS in any way
        result = (False, str(exc) or type(exc).__name__)
    pipe.send(result)
    pipe.close()


def html_to_pdf(html: str) -> bytes:
    """The PDF of `html`, laid out in a forked child given PDF_RENDER_SECONDS of wall time.

    Raises ValueError when WeasyPrint fails, refuses the page count or runs out of time. The
    child never touches the database and leaves with os._exit (multiprocessing's fork), so
    the connections it inherited are not closed under the parent.
    """
    limit = getattr(settings, "CERTIFICATE_PDF_RENDER_SECONDS", PDF_RENDER_SECONDS)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_render_into, args=(html, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limit):
            raise ValueError(TOO_SLOW % {"limit": limit})
        try:
            ok, payload = receiver.recv()
        except EOFError as exc:  # the child died without answering (out of memory, say)
            raise ValueError("The certificate could not be laid out.") from exc
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if not ok:
        raise ValueError(payload)
    return payload


def report_to_pdf(*, html: str) -> bytes:
    """The PDF of a report from our own templates (a CE transcript), rendered in this process.

    Unlike a certificate design, a report's HTML and CSS are ours, so it needs no time limit in a
    child; like a design, it fetches nothing from the network: only file: and data: URLs.
    """
    fetcher = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
