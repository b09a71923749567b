"""The one gateway to bleach: every piece of user-supplied HTML passes through here."""

import html

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
# Each round removes at least one layer of encoding; real text is stable after one.
_PLAIN_TEXT_ROUNDS = 8


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


def plain_text(text: str) -> str:
    """`text` with every tag and comment removed and entities decoded: for fields shown as
    text, which templates escape. Repeated until nothing changes, so an entity-encoded tag
    (`&lt;script&gt;`) cannot come back as a real one once decoded."""
    previous = None
    for _ in range(_PLAIN_TEXT_ROUNDS):
        if text == previous:
            break
        previous = text
        cleaned = bleach.clean(text or "", tags=set(), strip=True, strip_comments=True)
        text = html.unescape(cleaned)
    return text
