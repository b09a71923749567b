"""Certificate designs rendered in a sandbox.

A design is HTML in Django's template language, written by a school. It is rendered with
autoescape on, the frozen snapshot (plain JSON) as the only context, in the sandbox of
certificates.designs.sandbox (allowed tags and filters only, within a budget): a design can
lay out the values but cannot fetch anything, let a learner's name inject markup or tie up
the worker.
"""

import copy
import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

from django.conf import settings

from certificates.designs.sandbox import render_design
from certificates.models import CertificateTemplate
from certificates.snapshot import display_context

DESIGNS_DIR = Path(settings.BASE_DIR) / "templates" / "certificates" / "designs"
DEFAULT_PAGE_SIZE = CertificateTemplate.PageSize.LETTER_LANDSCAPE
PAGE_SIZES = frozenset(CertificateTemplate.PageSize.values)


@dataclass(frozen=True)
class Design:
    name: str
    html: str
    css: str
    page_size: str
    template: CertificateTemplate | None = None


def builtin_design() -> Design:
    """The design shipped with the platform, used when no school or platform default exists."""
    return Design(
        name="Built-in design",
        html=(DESIGNS_DIR / "default.html").read_text(encoding="utf-8"),
        css=(DESIGNS_DIR / "default.css").read_text(encoding="utf-8"),
        page_size=DEFAULT_PAGE_SIZE,
    )


def design_from_template(template: CertificateTemplate | None) -> Design:
    if template is None:
        return builtin_design()
    return Design(
        name=template.name,
        html=template.html,
        css=template.css,
        page_size=template.page_size,
        template=template,
    )


def render_certificate_html(*, design: Design, snapshot: dict) -> str:
    """A complete HTML document for WeasyPrint: page size, the design's CSS and its body."""
    # A copy: a design calling a list's method ({{ approvals.pop }}) must not change the record.
    context = display_context(copy.deepcopy(snapshot))
    body = render_design(design.html, context, extra_output=len(json.dumps(snapshot)))
    page_size = design.page_size if design.page_size in PAGE_SIZES else DEFAULT_PAGE_SIZE
    # A design's CSS sits inside <style>: it must not be able to close that element.
    css = design.css.replace("</", "<\\/")
    title = escape(f"{snapshot.get('kind_label', 'Certificate')} {snapshot.get('number') or ''}")
    author = escape((snapshot.get("provider") or {}).get("name", ""))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title.strip()}</title>\n"
        f'<meta name="author" content="{author}">\n'
        f"<style>@page {{ size: {page_size}; margin: 0; }}</style>\n"
        f"<style>\n{css}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
