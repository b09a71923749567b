from decimal import Decimal

import pytest
from django.template import Context, Template

from cms.text import ce_hours_label


@pytest.mark.parametrize(
    ("hours", "label"),
    [
        (1, "1 CE hour"),
        (Decimal("1.00"), "1 CE hour"),
        ("1", "1 CE hour"),
        (Decimal("0.5"), "0.5 CE hours"),
        (Decimal("2.50"), "2.5 CE hours"),
        (Decimal("2.255"), "2.26 CE hours"),
        (24, "24 CE hours"),
        (0, "0 CE hours"),
        (None, ""),
        ("n/a", ""),
    ],
)
def test_one_wording_singular_for_one_hour(hours, label):
    assert ce_hours_label(hours) == label


def test_the_template_filter_says_the_same():
    template = Template("{% load nmt_tags %}{{ h|ce_hours_label }}")

    html = template.render(Context({"h": Decimal("1")}))
    assert html == "1 CE hour"
