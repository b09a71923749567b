"""The whole demo in order: the site, school and courses; their quizzes, which finish the demo
learner's course; then that learner's certificate, and the school's account with the local
fake CE Broker to report it to. Running it again changes nothing."""

from django.db import transaction

from demo.certificates import demo_certificate_load
from demo.courses.loader import DemoReport, demo_courses_load
from demo.quizzes.loader import demo_quizzes_add
from demo.tracking import demo_tracking_load


@transaction.atomic
def demo_load() -> DemoReport:
    report = demo_courses_load()
    demo_quizzes_add(report=report)
    demo_certificate_load(report=report)
    demo_tracking_load(report=report)
    return report
