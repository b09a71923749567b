from courses.models.enrollment import Enrollment
from courses.models.orders import Order, StripeEvent
from courses.models.pages import (
    CourseIndexPage,
    CourseObjective,
    CoursePage,
    LessonPage,
    ModulePage,
)
from courses.models.schools import Instructor, School, SchoolMembership, Topic

__all__ = [
    "CourseIndexPage",
    "CourseObjective",
    "CoursePage",
    "Enrollment",
    "Instructor",
    "LessonPage",
    "ModulePage",
    "Order",
    "School",
    "SchoolMembership",
    "StripeEvent",
    "Topic",
]
