"""A school's look in its e-mails: name, logo, colour (with text that contrasts with it) and
footer, from the School's own fields; the platform's when a message is about no school."""

import logging
from dataclasses import dataclass

from django.conf import settings

logger = logging.getLogger(__name__)

PLATFORM_COLOUR = "#1F4E79"
LOGO_SPEC = "max-240x80"


@dataclass(frozen=True)
class Brand:
    name: str
    colour: str
    text_colour: str
    logo_url: str = ""
    footer: str = ""
    address: str = ""
    reply_to: str = ""
    website: str = ""


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of #RRGGBB."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more with the school's colour (WCAG AA at worst
    4.5:1 for any colour is not always possible; the better of the two always reaches 4.58)."""
    white, black = "#FFFFFF", "#000000"
    if contrast_ratio(background, white) >= contrast_ratio(background, black):
        return white
    return black


def _logo_url(school) -> str:
    if not school.logo_id:
        return ""
    try:
        url = school.logo.get_rendition(LOGO_SPEC).url
    except Exception:  # a missing or unreadable file: the name stands in for the logo
        logger.warning("No e-mail logo for school %s", school.pk, exc_info=True)
        return ""
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def brand_for(school) -> Brand:
    if school is None:
        return Brand(
            name=settings.WAGTAIL_SITE_NAME,
            colour=PLATFORM_COLOUR,
            text_colour=text_colour_on(PLATFORM_COLOUR),
            website=settings.SITE_URL,
        )
    colour = school.brand_colour or PLATFORM_COLOUR
    return Brand(
        name=school.name,
        colour=colour,
        text_colour=text_colour_on(colour),
        logo_url=_logo_url(school),
        footer=school.email_footer,
        address=school.address,
        reply_to=school.email,
        website=school.website,
    )
