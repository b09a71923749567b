from courses.models.accreditation import (
    AccreditingBody,
    CETopicCategory,
    CourseApproval,
    CourseType,
    ProviderApproval,
    TopicRequirement,
)
from courses.models.enrollment import Enrollment
from courses.models.live import (
    Attendance,
    LiveSession,
    LiveSessionBreak,
    SkillsChecklistItem,
    SkillSignoff,
)
from courses.models.orders import Order, StripeEvent
from courses.models.pages import (
    CourseIndexPage,
    CourseObjective,
    CoursePage,
    LessonPage,
    ModulePage,
)
from courses.models.progress import LessonVisit
from courses.models.schools import Instructor, School, SchoolMembership
from courses.models.topics import Topic
from courses.models.seats import EnrollmentCode, SeatPool
from courses.models.versions import CourseVersion

__all__ = [
    "AccreditingBody",
    "Attendance",
    "CETopicCategory",
    "CourseApproval",
    "CourseIndexPage",
    "CourseObjective",
    "CoursePage",
    "CourseType",
    "CourseVersion",
    "Enrollment",
    "EnrollmentCode",
    "Instructor",
    "LessonPage",
    "LessonVisit",
    "LiveSession",
    "LiveSessionBreak",
    "ModulePage",
    "Order",
    "ProviderApproval",
    "School",
    "SchoolMembership",
    "SeatPool",
    "SkillSignoff",
    "SkillsChecklistItem",
    "StripeEvent",
    "Topic",
    "TopicRequirement",
]
