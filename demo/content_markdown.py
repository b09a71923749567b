"""The Markdown the demo lessons are written in, turned into the HTML Wagtail's rich text stores.

Only the subset the lessons use (demo/content/README.md): what it produces must match the HTML
the lessons were first written in, character for character, because the demo loader derives
StreamField block ids from the content.
"""

import re
from html import escape

INLINE = re.compile(
    r"\\(?P<escaped>[\\*\[\]()])|\*\*(?P<bold>.+?)\*\*|\*(?P<italic>.+?)\*"
    r"|\[(?P<text>[^\]]+)\]\((?P<url>[^)\s]+)\)"
)


def markdown_html(text: str) -> str:
    """Paragraphs (blank-line separated), `- ` lists, **bold**, *italic* and [links](url)."""
    html = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        paragraph: list[str] = []
        items: list[str] = []
        for line in chunk.split("\n"):
            if line.startswith("- "):
                items.append(line[2:].strip())
            elif items:  # a wrapped list item continues on the next line
                items[-1] += " " + line.strip()
            else:
                paragraph.append(line.strip())
        if paragraph:
            html.append(f"<p>{inline_html(' '.join(paragraph))}</p>")
        if items:
            html.append("<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in items) + "</ul>")
    return "".join(html)


def inline_html(text: str) -> str:
    def replace(match: re.Match) -> str:
        if match["escaped"]:
            return escape(match["escaped"], quote=False)
        if match["bold"]:
            return f"<b>{inline_html(match['bold'])}</b>"
        if match["italic"]:
            return f"<i>{inline_html(match['italic'])}</i>"
        return f'<a href="{escape(match["url"])}">{inline_html(match["text"])}</a>'

    out, start = [], 0
    for match in INLINE.finditer(text):
        out += [escape(text[start : match.start()], quote=False), replace(match)]
        start = match.end()
    return "".join([*out, escape(text[start:], quote=False)])
