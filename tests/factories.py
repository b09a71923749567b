import json
from decimal import Decimal

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, Enrollment, LessonPage, ModulePage, Topic
from schools.models import School, SchoolMembership

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school-{n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    hero_title = "Continuing education in NMT"


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    summary = "A course about soft-tissue work."
    ce_hours = Decimal("3.00")
    price = Decimal("0")


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Module {n}")


def lesson_body(words: int = 120) -> str:
    text = " ".join(["muscle"] * words)
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Why it matters", "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{text}</p>"},
            {
                "type": "callout",
                "value": {"kind": "safety", "title": "Pressure", "text": "<p>Go gently.</p>"},
            },
        ]
    )


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    summary = "What this lesson covers."
    body = factory.LazyFunction(lesson_body)


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    student = factory.SubFactory(UserFactory)
    source = Enrollment.Source.GRANTED


class SchoolMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolMembership

    school = factory.SubFactory(SchoolFactory)
    user = factory.SubFactory(UserFactory)
