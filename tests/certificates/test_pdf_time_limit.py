"""A design that is small but takes WeasyPrint hours to lay out is stopped, at save and at issue."""

import time

import pytest
from django.core.exceptions import ValidationError

from certificates.designs.services import certificate_design_check
from certificates.pdf import TOO_SLOW, html_to_pdf
from tests.certificates.issue_helpers import provider_school

pytestmark = pytest.mark.django_db


def use_bomb(levels: int) -> str:
    """An SVG of about 200 bytes a level that draws 10**levels rectangles."""
    groups = ['<g id="g0"><rect width="1" height="1"/></g>'] + [
        f'<g id="g{n}">' + f'<use href="#g{n - 1}"/>' * 10 + "</g>" for n in range(1, levels + 1)
    ]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><defs>'
        + "".join(groups)
        + f'</defs><use href="#g{levels}"/></svg>'
    )


def test_layout_is_stopped_at_the_time_limit(settings):
    settings.CERTIFICATE_PDF_RENDER_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(ValueError, match="seconds to lay out"):
        html_to_pdf(use_bomb(6))  # about 200 s of layout without the limit
    assert time.monotonic() - started < 5


def test_a_design_that_lays_out_too_slowly_is_refused_on_save(settings, db):
    school = provider_school(signature=False)
    settings.CERTIFICATE_PDF_RENDER_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        certificate_design_check(html=use_bomb(6), css="", page_size="A4", school=school)
    assert (TOO_SLOW % {"limit": 1}) in str(refused.value)
    assert time.monotonic() - started < 10


def test_an_ordinary_pdf_still_renders_and_errors_still_surface():
    assert html_to_pdf("<p>Certificate</p>").startswith(b"%PDF")
    with pytest.raises(ValueError, match="pages long"):
        html_to_pdf('<p style="page-break-after: always">x</p>' * 6)
