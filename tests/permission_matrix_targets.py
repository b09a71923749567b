"""For tests/test_permission_matrix.py: school B with one of everything, what "unchanged"
means for it, the kinds of entry in the matrix, and the helpers that ask the URLs.

Schools are built as production builds them: school_create() gives each school its section of
the page tree, its collection, its editor and reviewer groups and its workflow, and
school_member_add() puts people in them.

Every piece of school B's private data is remembered by World.keep() (names, emails, texts;
numbers and codes are added at the end), so a page that shows any of it to someone else is
caught by searching the response. The names all contain VALLEYSECRET, which is also what the
matrix types into search boxes: an echo of the search term alone is not a leak, a name is.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import wagtail_factories
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import Q
from django.test import TestCase
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    Task,
    TaskState,
    UploadedFile,
    Workflow,
    WorkflowPage,
    WorkflowState,
)

from authoring.models import CourseReview, CourseReviewItem
from certificates import services as certificate_services
from certificates.models import Certificate, CertificateEvent, CertificateTemplate, CourseEvaluation
from cms.models import SiteSettings
from commerce.models import EnrollmentCode, Order, SeatPool
from commerce.services.seats import seat_pool_grant
from courses.models import (
    AccreditingBody,
    CETopicCategory,
    CourseApproval,
    CoursePage,
    CourseType,
    Enrollment,
    ProviderApproval,
    Topic,
)
from courses.services.schools import school_create
from live.models import Attendance, LiveSession, SkillsChecklistItem, SkillSignoff
from live.services import attendance_record, live_session_save, skill_signoff
from quizzes.models import (
    Accommodation,
    Attempt,
    AttemptSlot,
    ImportJob,
    Question,
    QuestionBank,
    QuestionCategory,
    QuestionVersion,
    QuizPage,
)
from quizzes.services import attempts as attempt_services
from records.external_credit.models import ExternalCredit
from records.external_credit.services import external_credit_add
from records.models import ReportBatch, TrackingCredential, TranscriptShare
from records.services import tracking_credential_save
from schools.models import Instructor, School, SchoolAuditEntry, SchoolInvitation, SchoolMembership
from schools.services import invitation_create, school_member_add
from tests.certificates.issue_helpers import CE_DETAILS, GOOD_RATINGS, body
from tests.conftest import ensure_wagtail_roots
from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    EnrollmentFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)
from tests.quizzes.conftest import make_question, make_quiz

# The course's title is public (the catalog lists it); its unpublished draft title is not.
DRAFT_TITLE = "VALLEYSECRET draft title of the course"

ADMIN, INSTRUCTOR, REVIEWER = (
    SchoolMembership.Role.ADMIN,
    SchoolMembership.Role.INSTRUCTOR,
    SchoolMembership.Role.REVIEWER,
)
# Who must be refused: school A's three roles, and a learner with no part in school B.
ATTACKERS = ("a_admin", "a_instructor", "a_reviewer", "learner")


@dataclass
class World:
    """The people (by role: a_admin, b_student, staff...) and objects (set by build_world)."""

    users: dict = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)

    def keep(self, text: str) -> str:
        """`text`, remembered as school B's private data to look for in every response."""
        self.secrets.append(text)
        return text


def _lesson_body(w: World) -> str:
    return json.dumps(
        [
            {"type": "heading", "value": {"text": "Enrolled learners only", "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{w.keep('VALLEYSECRET lesson body')}</p>"},
        ]
    )


def _member(school, role, email: str):
    user = UserFactory(email=email, display_name=email.split("@")[0])
    school_member_add(school=school, user=user, role=role)
    return user


def _site_tree(w: World) -> None:
    ensure_wagtail_roots()
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    w.home = HomePageFactory(parent=root)
    Site.objects.all().delete()
    w.site = Site.objects.create(
        hostname="testserver", port=80, root_page=w.home, is_default_site=True
    )
    w.site_settings = SiteSettings.for_site(w.site)
    w.site_settings.save()
    w.catalog = CourseIndexPageFactory(parent=w.home)


def _schools(w: World) -> None:
    w.a = school_create(name="Alder School", slug="alder", email="hi@alder.example")
    w.b = school_create(name="Valley School", slug="valley", email="hi@valley.example")
    School.objects.filter(pk=w.b.pk).update(
        address="1 Valley Road",
        administrator_name="Vera Valley",
        administrator_title="Director",
        certificate_prefix="VAL",
    )
    w.b.refresh_from_db()
    ProviderApproval.objects.create(
        school=w.b, body=body("NCBTMB", "NCBTMB"), provider_number="AP-777"
    )
    for school, key, name in ((w.a, "a", "alder"), (w.b, "b", "valley")):
        for role in (ADMIN, INSTRUCTOR, REVIEWER):
            w.users[f"{key}_{role}"] = _member(school, role, f"{name}-{role}@example.com")
    w.users["learner"] = UserFactory(email="learner@example.com")
    w.users["staff"] = UserFactory(email="staff@example.com", is_staff=True, is_superuser=True)
    w.users["b_student"] = UserFactory(
        email=w.keep("valleysecret-student@example.com"),
        display_name=w.keep("VALLEYSECRET Student"),
    )
    w.workflow = WorkflowPage.objects.get(page=w.b.section).workflow
    w.task = w.workflow.tasks.get().specific
    # School B's team: an open invitation (its address is B's private data) and a membership.
    w.invitation = invitation_create(
        school=w.b,
        email=w.keep("valleysecret-invitee@example.com"),
        role=INSTRUCTOR,
        invited_by=w.users["b_admin"],
    )
    w.membership = SchoolMembership.objects.get(school=w.b, user=w.users["b_instructor"])


def _media(w: World) -> None:
    w.image = wagtail_factories.ImageFactory(
        collection=w.b.collection, title=w.keep("VALLEYSECRET image")
    )
    w.document = wagtail_factories.DocumentFactory(
        collection=w.b.collection, title=w.keep("VALLEYSECRET handout")
    )
    b_admin = w.users["b_admin"]
    w.uploaded_image = UploadedFile.objects.create(
        file=SimpleUploadedFile("valleysecret.png", b"not really a png"),
        for_content_type=ContentType.objects.get_for_model(get_image_model()),
        uploaded_by_user=b_admin,
    )
    w.uploaded_document = UploadedFile.objects.create(
        file=SimpleUploadedFile("valleysecret.txt", b"VALLEYSECRET"),
        for_content_type=ContentType.objects.get_for_model(get_document_model()),
        uploaded_by_user=b_admin,
    )


def _courses(w: World) -> None:
    w.a_course = CoursePageFactory(parent=w.a.section, school=w.a, title="Alder Course")
    w.instructor = Instructor.objects.create(name="Ivy Valley", credentials="LMT", school=w.b)
    # Credited on no course: on school B's staff list only, so no chooser may offer it to A.
    w.staff_instructor = Instructor.objects.create(
        name=w.keep("VALLEYSECRET instructor"), credentials="LMT", school=w.b
    )
    w.topic = Topic.objects.create(name="Valley topic", slug="valley-topic")
    w.ce_category = CETopicCategory.objects.create(name="Valley category", slug="valley-category")
    w.accrediting_body = body("NCBTMB", "NCBTMB")
    course = CoursePageFactory(
        parent=w.b.section,
        school=w.b,
        title="Valley Course",
        slug="valley-course",
        cover_image=w.image,
        requires_evaluation=True,
    )
    CourseApproval.objects.create(
        course=course,
        body=w.accrediting_body,
        approved_title="Valley Course",
        ce_hours=Decimal("3.00"),
        course_type=CourseType.HOME_STUDY,
        approval_number="NCB-VAL-1",
    )
    course.instructors.add(w.instructor)
    course.topics.add(w.topic)
    course.save()
    course.save_revision(user=w.users["b_admin"]).publish()
    w.module = ModulePageFactory(parent=course, title="Valley module")
    w.lesson = LessonPageFactory(parent=w.module, title="Valley lesson", body=_lesson_body(w))
    w.alias = w.lesson.create_alias(update_slug="valley-lesson-alias")
    # An unpublished draft of the course, waiting in school B's review workflow.
    course.title = w.keep(DRAFT_TITLE)
    w.revision = course.save_revision(user=w.users["b_instructor"])
    w.workflow_state = w.workflow.start(course, w.users["b_instructor"])
    w.task_state = TaskState.objects.get(workflow_state=w.workflow_state)
    w.course = CoursePage.objects.get(pk=course.pk)
    w.editing_session = EditingSession.objects.create(
        user=w.users["b_instructor"],
        content_type=ContentType.objects.get_for_model(Page),
        object_id=str(course.pk),
        last_seen_at=timezone.now(),
    )
    w.redirect = Redirect.objects.create(old_path="/valley-old", redirect_page=w.course)


def _questions(w: World) -> None:
    w.bank = QuestionBank.objects.create(school=w.b, name=w.keep("VALLEYSECRET bank"))
    w.category = QuestionCategory.objects.create(bank=w.bank, name=w.keep("VALLEYSECRET category"))
    w.import_job = ImportJob.objects.create(
        bank=w.bank, file_name=w.keep("VALLEYSECRET import.gift"), total=60
    )
    w.question = make_question(
        w.bank,
        "single_choice",
        name=w.keep("VALLEYSECRET question"),
        stem=f"<p>{w.keep('VALLEYSECRET stem')}</p>",
        category=w.category,
        data={
            "choices": [
                {"text": w.keep("VALLEYSECRET right answer"), "fraction": "1", "feedback": ""},
                {"text": "Wrong", "fraction": "0", "feedback": w.keep("VALLEYSECRET feedback")},
            ]
        },
    )
    w.quiz = make_quiz(w.module, questions=[w.question], title="Valley quiz", pass_mark=50)
    a_bank = QuestionBank.objects.create(school=w.a, name="Alder bank")
    w.a_question = make_question(a_bank, "single_choice", name="Alder question")


def _authoring(w: World) -> None:
    """School B's course waiting in a course review (the builder's one-unit review)."""
    w.course_review = CourseReview.objects.create(
        course=w.course, submitted_by=w.users["b_instructor"], note=w.keep("VALLEYSECRET note")
    )
    CourseReviewItem.objects.create(
        review=w.course_review, page=w.course, revision=w.revision, is_new=False
    )


def _learner_records(w: World) -> None:
    student = w.users["b_student"]
    w.enrollment = EnrollmentFactory(student=student, course=w.course)
    attempt = attempt_services.attempt_start(quiz=w.quiz, user=student)
    w.attempt = attempt_services.attempt_submit(attempt=attempt)
    w.order = Order.objects.create(
        student=student,
        course=w.course,
        amount=Decimal("49.00"),
        currency="usd",
        status=Order.Status.PAID,
        checkout_session_id="cs_test_local_valley",
        amount_paid=Decimal("49.00"),
        paid_at=timezone.now(),
    )
    Enrollment.objects.filter(pk=w.enrollment.pk).update(completed_at=timezone.now())
    w.enrollment.refresh_from_db()
    with TestCase.captureOnCommitCallbacks(execute=True):
        pending = certificate_services.certificate_create_pending(enrollment=w.enrollment)
        w.evaluation = certificate_services.course_evaluation_submit(
            enrollment=w.enrollment, ratings=GOOD_RATINGS, comments=w.keep("VALLEYSECRET comment")
        )
        certificate_services.certificate_issue(
            certificate=pending,
            confirmed_by=student,
            ce_details={**CE_DETAILS, "legal_name": w.keep("Valleysecret Okafor")},
        )
    w.certificate = Certificate.objects.get(pk=pending.pk)
    w.template = CertificateTemplate.objects.create(
        school=w.b, name=w.keep("VALLEYSECRET design"), html="<p>{{ learner.name }}</p>"
    )
    w.pool = seat_pool_grant(
        course=w.course,
        organisation=w.keep("VALLEYSECRET Spa Ltd"),
        manager=w.users["b_admin"],
        seats=2,
        granted_by=w.users["b_admin"],
    )
    w.code = w.pool.codes.order_by("pk").first()
    w.roster_batch = ReportBatch.objects.create(
        school=w.b,
        body=w.accrediting_body,
        transport="roster_spreadsheet",
        idempotency_key="valley-roster-batch",
        next_attempt_at=timezone.now(),
        document=w.keep("VALLEYSECRET roster").encode(),
        document_name="valley-roster.xlsx",
    )
    w.tracking_account = tracking_credential_save(
        school=w.b,
        tracking_system="CE Broker",
        transport=TrackingCredential.Transport.CEBROKER_XML,
        provider_id=w.keep("50-VALLEYSECRET"),
        username=w.keep("valleysecret-user"),
        secret="valley-password",
    )
    w.share = TranscriptShare.objects.create(
        user=student, token=w.keep("valleysecret-share-token"), label=w.keep("VALLEYSECRET board")
    )
    w.external_credit = external_credit_add(
        learner=student,
        provider_name=w.keep("VALLEYSECRET other provider"),
        course_title="Hot stones elsewhere",
        body=w.accrediting_body,
        hours=Decimal("2"),
        completed_on=timezone.localdate() - timedelta(days=30),
        certificate=SimpleUploadedFile("cert.pdf", b"%PDF-1.4 VALLEYSECRET certificate file"),
    )
    w.secrets += [
        w.certificate.number,
        w.certificate.verify_code,
        *w.pool.codes.values_list("code", flat=True),
    ]


def _live(w: World) -> None:
    """A live session of B's course with its student checked in, and a skill signed off."""
    start = timezone.now().replace(microsecond=0)
    w.live_session = live_session_save(
        course=w.course,
        by=w.users["b_instructor"],
        title=w.keep("VALLEYSECRET live session"),
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        breaks=[],
        location=w.keep("VALLEYSECRET studio"),
    )
    w.attendance = attendance_record(
        session=w.live_session,
        student=w.users["b_student"],
        checked_in_at=start,
        checked_out_at=None,
        by=w.users["b_instructor"],
    )
    w.skill = SkillsChecklistItem.objects.create(
        module=w.module, text=w.keep("VALLEYSECRET skill"), sort_order=0
    )
    w.other_skill = SkillsChecklistItem.objects.create(
        module=w.module, text="Unsigned skill", sort_order=1
    )
    skill_signoff(item=w.skill, student=w.users["b_student"], by=w.users["b_instructor"])


def build_world() -> World:
    w = World()
    _site_tree(w)
    _schools(w)
    _media(w)
    _courses(w)
    _questions(w)
    _authoring(w)
    _learner_records(w)
    _live(w)
    return w


# --- What "unchanged" means: every row of school B's, and of what all schools share ----------
# Scoped to school B, so that school A changing its own things (a legitimate save of a form
# that merely names B's object) is not mistaken for a change to B's.


def _rows(queryset, *fields) -> list:
    return list(queryset.order_by("pk").values_list(*fields))


def _values(queryset) -> list:
    return list(queryset.order_by("pk").values())


def state(w: World) -> dict:
    """A snapshot of everything school B owns and of what every school shares."""
    b = w.b
    b_users = [u.pk for key, u in w.users.items() if key.startswith("b_")]
    b_groups = [b.editors_group_id, b.reviewers_group_id]
    section = Page.objects.get(pk=b.section_id)
    b_pages = Page.objects.descendant_of(section, inclusive=True)
    b_courses = CoursePage.objects.filter(school=b)
    b_quizzes = Page.objects.descendant_of(section).type(QuizPage)
    user_model = w.users["staff"].__class__
    return {
        "pages": _rows(
            b_pages,
            "title",
            "draft_title",
            "slug",
            "live",
            "has_unpublished_changes",
            "locked",
            "latest_revision_id",
            "live_revision_id",
            "path",
            "url_path",
            "owner_id",
            "numchild",
            "content_type_id",
        ),
        "course": _values(CoursePage.objects.filter(pk=w.course.pk)),
        "b_courses": _rows(b_courses, "pk", "path"),
        "revisions": _rows(
            Revision.page_revisions.filter(
                object_id__in=[str(pk) for pk in b_pages.values_list("pk", flat=True)]
            ),
            "pk",
        ),
        "view_restrictions": _rows(PageViewRestriction.objects.filter(page__in=b_pages), "pk"),
        "schools": _values(School.objects.filter(pk=b.pk)),
        "provider_approvals": _rows(ProviderApproval.objects.filter(school=b), "provider_number"),
        "memberships": _rows(SchoolMembership.objects.filter(school=b), "user_id", "role"),
        "invitations": _rows(
            SchoolInvitation.objects.filter(school=b),
            "email",
            "role",
            "token_hash",
            "expires_at",
            "accepted_at",
            "revoked_at",
        ),
        "team_audit": _rows(SchoolAuditEntry.objects.filter(school=b), "action"),
        "users": _rows(
            user_model.objects.filter(pk__in=b_users),
            "email",
            "password",
            "is_active",
            "is_staff",
            "is_superuser",
            "legal_name",
        ),
        "user_groups": _rows(
            Group.user_set.through.objects.filter(user_id__in=b_users), "group_id"
        ),
        "group_members": _rows(
            Group.user_set.through.objects.filter(group_id__in=b_groups), "user_id"
        ),
        "groups": _rows(Group.objects.filter(pk__in=b_groups), "name"),
        "group_page_permissions": _rows(
            GroupPagePermission.objects.filter(Q(group_id__in=b_groups) | Q(page__in=b_pages)),
            "group_id",
            "page_id",
            "permission_id",
        ),
        "group_collection_permissions": _rows(
            GroupCollectionPermission.objects.filter(
                Q(group_id__in=b_groups) | Q(collection_id=b.collection_id)
            ),
            "group_id",
            "collection_id",
            "permission_id",
        ),
        "collections": _rows(Collection.objects.all(), "name", "path", "numchild"),
        "collection_restrictions": _rows(
            CollectionViewRestriction.objects.filter(collection_id=b.collection_id), "pk"
        ),
        "images": _values(get_image_model().objects.filter(collection_id=b.collection_id)),
        "documents": _values(get_document_model().objects.filter(collection_id=b.collection_id)),
        "uploads": _rows(UploadedFile.objects.filter(uploaded_by_user_id__in=b_users), "file"),
        "workflows": _rows(Workflow.objects.all(), "name", "active"),
        "workflow_pages": _rows(WorkflowPage.objects.all(), "page_id", "workflow_id"),
        "tasks": _rows(Task.objects.all(), "name", "active"),
        "workflow_states": _rows(
            WorkflowState.objects.filter(
                object_id__in=[str(pk) for pk in b_pages.values_list("pk", flat=True)]
            ),
            "status",
            "current_task_state_id",
        ),
        "task_states": _rows(
            TaskState.objects.filter(workflow_state=w.workflow_state), "status", "revision_id"
        ),
        "editing_sessions": _rows(EditingSession.objects.filter(user_id__in=b_users), "object_id"),
        "banks": _values(QuestionBank.objects.filter(school=b)),
        "categories": _values(QuestionCategory.objects.filter(bank__school=b)),
        "questions": _values(Question.objects.filter(bank__school=b)),
        "question_versions": _rows(QuestionVersion.objects.filter(question__bank__school=b), "pk"),
        "attempts": _values(Attempt.objects.filter(quiz__in=b_quizzes)),
        "attempt_slots": _values(AttemptSlot.objects.filter(attempt__quiz__in=b_quizzes)),
        "accommodations": _values(Accommodation.objects.filter(course__in=b_courses)),
        "orders": _values(Order.objects.filter(course__in=b_courses)),
        "enrollments": _values(Enrollment.objects.filter(course__in=b_courses)),
        "certificates": _rows(
            Certificate.objects.filter(Q(school=b) | Q(course__in=b_courses)),
            "status",
            "number",
            "revoked_at",
            "template_id",
            "pdf",
            "school_id",
            "course_id",
        ),
        "certificate_events": _rows(
            CertificateEvent.objects.filter(certificate__school=b), "action"
        ),
        "templates": _values(CertificateTemplate.objects.filter(Q(school=b) | Q(school=None))),
        "evaluations": _values(CourseEvaluation.objects.filter(course__in=b_courses)),
        "pools": _values(SeatPool.objects.filter(Q(school=b) | Q(course__in=b_courses))),
        "codes": _values(EnrollmentCode.objects.filter(pool__school=b)),
        "shares": _values(TranscriptShare.objects.filter(user_id__in=b_users)),
        "external_credits": _values(ExternalCredit.objects.filter(learner_id__in=b_users)),
        "instructors": _values(Instructor.objects.filter(Q(school=b) | Q(pk=w.instructor.pk))),
        "topics": _values(Topic.objects.all()),
        "ce_categories": _values(CETopicCategory.objects.all()),
        "bodies": _rows(AccreditingBody.objects.all(), "abbreviation", "name"),
        "approvals": _rows(
            CourseApproval.objects.filter(course__in=b_courses), "body_id", "approval_number"
        ),
        "sites": _values(Site.objects.all()),
        "settings": _values(SiteSettings.objects.all()),
        "redirects": _values(Redirect.objects.all()),
        "live_sessions": _values(LiveSession.objects.filter(course__in=b_courses)),
        "attendances": _values(Attendance.objects.filter(session__course__in=b_courses)),
        "skills": _values(SkillsChecklistItem.objects.filter(module__in=b_pages)),
        "skill_signoffs": _values(SkillSignoff.objects.filter(course__in=b_courses)),
        "course_reviews": _values(CourseReview.objects.filter(course__in=b_courses)),
        "course_review_items": _values(
            CourseReviewItem.objects.filter(review__course__in=b_courses)
        ),
    }


def changed(before: dict, after: dict) -> list[str]:
    """The parts of the snapshot that differ."""
    return [key for key in before if before[key] != after.get(key)]


def db_writes() -> int | None:
    """Rows written so far on this SQLite connection (None on other databases). A request that
    leaves it alone wrote nothing, so the snapshot (some 50 queries) need not be taken again."""
    if connection.vendor != "sqlite":
        return None
    connection.ensure_connection()
    return connection.connection.total_changes


# --- The kinds of entry in the matrix -------------------------------------------------------


def at(*args, query: str = "", **kwargs) -> tuple:
    """One URL of a pattern: reverse(pattern name, args or kwargs) + query."""
    return args, kwargs, query


@dataclass(frozen=True)
class Json:
    """A POST body sent as application/json."""

    text: str


@dataclass(frozen=True)
class Obj:
    """The URL names one of school B's objects: refused (403, 404, 405, or a redirect to a login
    page or to the admin's home, which is how Wagtail says no), nothing of B's shown, and after
    a POST nothing of B's changed. `control` is a user who gets 200 there."""

    urls: Callable[[World], list]
    post: Callable[[World], dict | Json] | None = None
    control: str | None = None
    also_refused: Callable[[World], list[str]] | None = None  # other redirects that refuse


@dataclass(frozen=True)
class Listing:
    """The URL names none of B's private objects (a list, a dashboard, one's own page, a blank
    form, a public catalog row, or ids the view looks up only among the user's own): whatever
    it answers shows nothing of B's, and a POST naming B's objects changes none of them.
    `control` is a user to whom the same page does show B's data."""

    urls: Callable[[World], list] | None = None
    post: Callable[[World], dict | Json] | None = None
    control: str | None = None


@dataclass(frozen=True)
class Public:
    """Anyone may use it, by design (say why)."""

    reason: str
    control: None = None


@dataclass(frozen=True)
class NotApplicable:
    """It reads and changes no school's data (say why)."""

    reason: str
    control: None = None


# --- Walking the URLconf and asking -----------------------------------------------------------

DJANGO_ADMIN = "django-admin/"


def all_patterns(resolver=None, prefix: str = "", namespaces: tuple = ()):
    """(key, route) for every URL pattern: the key is the URL's name with its namespaces, or
    the route for an unnamed pattern."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = (*namespaces, pattern.namespace) if pattern.namespace else namespaces
            yield from all_patterns(pattern, route, inner)
        else:
            yield (":".join((*namespaces, pattern.name)) if pattern.name else route), route


def targets(key: str, entry, w: World) -> list[str]:
    """The URLs an entry asks for: at(...) targets reversed by the key, or literal paths."""
    found = entry.urls(w) if entry.urls else [at()]
    urls = []
    for target in found:
        if isinstance(target, str):
            urls.append(target)
            continue
        args, kwargs, query = target
        urls.append(reverse(key, args=args or None, kwargs=kwargs or None) + query)
    return urls


_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)|<(?:\w+:)?(\w+)>")


def django_admin_urls(w: World) -> list[str]:
    """Each Django admin pattern as a URL naming school B's student (or nothing)."""
    student = w.users["b_student"]
    values = {
        "object_id": str(student.pk),
        "id": str(student.pk),
        "content_type_id": str(ContentType.objects.get_for_model(student).pk),
        "app_label": "accounts",
        "url": "no-such-page/",
    }
    urls = []
    for _, route in all_patterns():
        if route.startswith(DJANGO_ADMIN):
            path = _GROUP.sub(lambda m: values[m.group(1) or m.group(2)], route)
            urls.append("/" + path.replace("^", "").replace("$", ""))
    return urls


def content(response) -> str:
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", errors="replace").lower()


def secrets_in(response, w: World) -> list[str]:
    text = content(response)
    return [secret for secret in w.secrets if secret.lower() in text]


def post(client, url: str, body):
    if isinstance(body, Json):
        return client.post(url, body.text, content_type="application/json")
    return client.post(url, body)


LOGIN_PATHS = ("/accounts/login/", "/admin/login/", "/django-admin/login/")
ADMIN_HOME = "/admin/"


def refused(response, entry, w: World) -> bool:
    """403, 404, 405 (a GET of a POST-only view), or a redirect to log in, to the admin's home
    (Wagtail's answer to a missing permission) or to a place the entry names as a refusal."""
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code not in (301, 302, 303):
        return False
    location = urlsplit(response["Location"]).path
    also = entry.also_refused(w) if entry.also_refused else []
    return location in LOGIN_PATHS or location == ADMIN_HOME or location in also
