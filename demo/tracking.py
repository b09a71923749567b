"""The demo school's CE Broker account, pointed at the local fake that `make run` starts
(records/tracking/fake_cebroker.py): "Report now" on the reporting page sends the demo
learner's completion there and shows the receipt. Never the real CE Broker: the endpoint is
left blank, so CEBROKER_URL decides, and scripts/run.sh sets it to the fake unless told
otherwise. Created once; a school admin's later changes are kept."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from demo.courses.accreditation import PROVIDER_NUMBERS
from demo.courses.people import DEMO_SCHOOL
from records.models import TrackingCredential
from records.services import tracking_credential_save
from schools.models import School

SYSTEM = "CE Broker"
# The fake accepts any account; a secret is stored (encrypted) because the web service needs one.
DEMO_ACCOUNT = {"username": "northfield-demo", "secret": "demo-fake-cebroker"}


def demo_tracking_load(*, report) -> None:
    school = School.objects.filter(slug=DEMO_SCHOOL["slug"]).first()
    if school is None:
        return
    if not TrackingCredential.objects.filter(school=school, tracking_system=SYSTEM).exists():
        try:
            tracking_credential_save(
                school=school,
                tracking_system=SYSTEM,
                transport=TrackingCredential.Transport.CEBROKER_XML,
                provider_id=PROVIDER_NUMBERS["FL-BMT"],
                **DEMO_ACCOUNT,
            )
        except ImproperlyConfigured:  # no FIELD_ENCRYPTION_KEY outside DEBUG: set it up by hand
            return
        report.created.append(f"{SYSTEM} account of {school.name} (the local fake)")
    path = reverse("transcripts:reporting", args=[school.slug])
    report.links["CE Broker reporting (Report now)"] = settings.SITE_URL + path
