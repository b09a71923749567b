"""The one gateway to bleach: every piece of user-supplied HTML passes through here."""

import bleach  # noqa: TID251  (this module is the gateway)
from bleach.css_sanitizer import CSSSanitizer  # noqa: TID251

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "i",
        "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td", "th",
        "thead", "tr", "u", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
_CSS = CSSSanitizer(allowed_css_properties=[])


def sanitize_html(html: str) -> str:
    """Return `html` with every tag, attribute and URL scheme outside the allow-list removed."""
    cleaned = bleach.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        css_sanitizer=_CSS,
        strip=True,
        strip_comments=True,
    )
    return bleach.linkify(cleaned, callbacks=[_nofollow_external], parse_email=False)


def _nofollow_external(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if href.startswith(("http://", "https://")):
        attrs[(None, "rel")] = "nofollow noopener"
    return attrs
