from decimal import Decimal

import pytest

from tests.certificates.issue_helpers import approved_course, member, provider_school
from tests.conftest import build_course  # noqa: F401
from tests.factories import LessonPageFactory, ModulePageFactory


@pytest.fixture
def local_gateway(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    settings.PAYMENT_GATEWAY = "local"


@pytest.fixture
def school(db):
    return provider_school(
        signature=False,
        brand_colour="#FFD400",  # a light colour: its text must be dark to contrast
        email_footer="Gulf Coast NMT Institute · CE provider since 2009",
    )


@pytest.fixture
def school_admin(school):
    from schools.models import SchoolMembership

    return member(school, role=SchoolMembership.Role.ADMIN, email="admin@gulfcoast.example")


@pytest.fixture
def paid_course(catalog, school):
    """A paid, approved course of the school with two short lessons and no quiz."""
    course = approved_course(
        catalog, school, price=Decimal("149.00"), requires_evaluation=True, title="Neck pain"
    )
    module = ModulePageFactory(parent=course)
    for _ in range(2):
        LessonPageFactory(parent=module)
    return course
