"""An embed's HTML is rendered as its provider sends it, so only the players the video block
names (and the CSP frames) are asked: YouTube and Vimeo, no other oEmbed provider."""

import pytest
from wagtail.embeds.finders import get_finders


@pytest.mark.parametrize(
    ("url", "accepted"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", True),
        ("https://youtu.be/dQw4w9WgXcQ", True),
        ("https://vimeo.com/76979871", True),
        ("https://www.dailymotion.com/video/x7tgad0", False),
        ("https://twitter.com/someone/status/1", False),
        ("https://codepen.io/someone/pen/abc", False),
        ("https://attacker.example/oembed-page", False),
    ],
)
def test_only_youtube_and_vimeo_are_embedded(url, accepted):
    assert any(finder.accept(url) for finder in get_finders()) is accepted
