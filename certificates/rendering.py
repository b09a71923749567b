"""Certificate designs rendered in a sandbox.

A design is HTML in Django's template language, written by a school. It is rendered with
autoescape on, the frozen snapshot (plain JSON) as the only context, and without the tags and
filters that could reach other templates, settings or turn escaping off: a design can lay out
the values but cannot fetch anything or let a learner's name inject markup.
"""

from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine, Library, Template, defaultfilters, defaulttags

from certificates.models import CertificateTemplate
from certificates.snapshot import display_context

DESIGNS_DIR = Path(settings.BASE_DIR) / "templates" / "certificates" / "designs"
DEFAULT_PAGE_SIZE = CertificateTemplate.PageSize.LETTER_LANDSCAPE
PAGE_SIZES = frozenset(CertificateTemplate.PageSize.values)

_BLOCKED_TAGS = frozenset({"autoescape", "csrf_token", "debug", "load", "url"})
_BLOCKED_FILTERS = frozenset({"safe", "safeseq"})

# The only library a design can use: Django's built-in tags and filters minus the blocked ones.
# No loader tags either (extends/include/block): a design is one self-contained template.
register = Library()
register.tags.update(
    {name: tag for name, tag in defaulttags.register.tags.items() if name not in _BLOCKED_TAGS}
)
register.filters.update(
    {
        name: fn
        for name, fn in defaultfilters.register.filters.items()
        if name not in _BLOCKED_FILTERS
    }
)


class SandboxEngine(Engine):
    default_builtins = ["certificates.rendering"]


@cache
def sandbox_engine() -> Engine:
    return SandboxEngine(
        dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=True, debug=False
    )


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


def compile_design(html: str) -> Template:
    """Parse a design; raises django.template.TemplateSyntaxError on a mistake."""
    return sandbox_engine().from_string(html)


def render_certificate_html(*, design: Design, snapshot: dict) -> str:
    """A complete HTML document for WeasyPrint: page size, the design's CSS and its body."""
    body = compile_design(design.html).render(Context(display_context(snapshot)))
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
