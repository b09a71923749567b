from courses.models.accreditation import (
    AccreditingBody,
    ApprovalSubjectArea,
    CETopicCategory,
    CourseApproval,
    CourseType,
    CreditType,
    LearnerBoard,
    ProviderApproval,
    TopicRequirement,
)
from courses.models.enrollment import Enrollment
from courses.models.pages import (
    CourseIndexPage,
    CourseObjective,
    CoursePage,
    LessonPage,
    ModulePage,
)
from courses.models.prerequisites import CoursePrerequisite
from courses.models.progress import LessonVisit
from courses.models.topics import Topic
from courses.models.versions import CourseVersion

__all__ = [
    "AccreditingBody",
    "ApprovalSubjectArea",
    "CETopicCategory",
    "CourseApproval",
    "CourseIndexPage",
    "CourseObjective",
    "CoursePage",
    "CoursePrerequisite",
    "CourseType",
    "CourseVersion",
    "CreditType",
    "Enrollment",
    "LearnerBoard",
    "LessonPage",
    "LessonVisit",
    "ModulePage",
    "ProviderApproval",
    "Topic",
    "TopicRequirement",
]
