"""Reads for the course builder and course reviews: the outline with each page's status, and
the CE check on the course as it will be once some revisions are published.

Every read here is a fixed number of queries, however many modules, lessons and quizzes the
course has (tests/authoring pin them).
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import reverse
from wagtail.models import Page, Revision, TaskState, WorkflowState

from authoring.models import CourseReview, CourseReviewItem
from courses.models import CoursePage, LessonPage, ModulePage
from quizzes.blueprint import CourseCompliance, HeldCourse, course_compliance
from quizzes.models import QuizKind, QuizPage
from schools import rules

DRAFT, IN_REVIEW, LIVE, LIVE_DRAFT, SCHEDULED = (
    "draft",
    "in_review",
    "live",
    "live_draft",
    "scheduled",
)
STATUS_LABELS = {
    DRAFT: "Draft",
    IN_REVIEW: "In review",
    LIVE: "Live",
    LIVE_DRAFT: "Live + draft changes",
    SCHEDULED: "Scheduled",
}
KIND_LABELS = {
    "course": "Course",
    "module": "Module",
    "lesson": "Lesson",
    "quiz": "Quiz",
    "final": "Final assessment",
}


def _kinds() -> dict[int, str]:
    """{content type id: kind} (content types are cached by Django after the first read)."""
    models = {CoursePage: "course", ModulePage: "module", LessonPage: "lesson", QuizPage: "quiz"}
    types = ContentType.objects.get_for_models(*models)
    return {types[model].pk: kind for model, kind in models.items()}


@dataclass
class OutlineItem:
    page: Page
    kind: str
    status: str
    level: int
    parent_id: int | None
    first: bool = False
    last: bool = False
    comment: str = ""
    children: list["OutlineItem"] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def title(self) -> str:
        return self.page.draft_title or self.page.title

    @property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    @property
    def accepts(self) -> list[str]:
        """What the builder may add inside this item."""
        return {"course": ["module", "quiz", "final"], "module": ["lesson", "quiz"]}.get(
            self.kind, []
        )


@dataclass
class Outline:
    course: OutlineItem
    items: list[OutlineItem]
    check_in_review: CourseCompliance
    check_drafts: CourseCompliance
    pending_review: CourseReview | None
    last_review: CourseReview | None
    changed: int = 0
    modules: list[OutlineItem] = field(default_factory=list)


def course_pages(course: CoursePage) -> list[Page]:
    return list(
        Page.objects.descendant_of(course, inclusive=True)
        .order_by("path")
        .defer_streamfields()
        .only(
            "title",
            "draft_title",
            "slug",
            "path",
            "depth",
            "live",
            "has_unpublished_changes",
            "latest_revision_id",
            "live_revision_id",
            "content_type_id",
            "owner_id",
            "locked",
            "go_live_at",
            "expire_at",
        )
    )


def _ids(pages) -> list[str]:
    return [str(page.pk) for page in pages]


def _in_review(pages, *, pending: CourseReview | None) -> dict[int, int]:
    """{page id: the revision under review}: Wagtail workflows in progress (one query) and the
    pending course review's items (one query)."""
    found = {}
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=_ids(pages),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).select_related("current_task_state")
    for state in states:
        if state.current_task_state is not None:
            found[int(state.object_id)] = state.current_task_state.revision_id
    if pending is not None:
        for page_id, revision_id in pending.items.values_list("page_id", "revision_id"):
            found[page_id] = revision_id
    return found


def _scheduled(pages) -> set[int]:
    """Pages with a revision approved to go live later: one query."""
    rows = Revision.page_revisions.filter(
        object_id__in=_ids(pages), approved_go_live_at__isnull=False
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in rows}


def _status(page: Page, *, in_review: bool, scheduled: bool) -> str:
    if in_review:
        return IN_REVIEW
    if scheduled:
        return SCHEDULED
    if page.live:
        return LIVE_DRAFT if page.has_unpublished_changes else LIVE
    return DRAFT


def _as_of(page: Page, revision: Revision):
    """`page` as `revision` holds it, without the queries of Wagtail's with_content_json
    (parent, comments, locks): only what the CE check reads, with the row's place in the tree."""
    obj = page.specific_class.from_serializable_data(
        revision.content, check_fks=False, strict_fks=False
    )
    obj.pk = obj.id = page.pk
    obj.path, obj.depth, obj.live = page.path, page.depth, page.live
    return obj


def held_course(
    *, pages: list[Page], revision_for: dict[int, int | None], kinds: dict[int, str]
) -> tuple[CoursePage, HeldCourse]:
    """The course and its lessons and quizzes as they will be once the revisions in
    `revision_for` ({page id: revision id}) are published: other live pages as they are,
    other drafts left out. Six queries at most, whatever the size of the course."""
    revisions = Revision.objects.in_bulk([pk for pk in revision_for.values() if pk])
    kind_of = {page.pk: kinds.get(page.content_type_id) for page in pages}
    live_ids = {
        page.pk for page in pages if page.live and not revisions.get(revision_for.get(page.pk))
    }
    lessons_live = LessonPage.objects.in_bulk([pk for pk in live_ids if kind_of[pk] == "lesson"])
    quizzes_live = QuizPage.objects.in_bulk([pk for pk in live_ids if kind_of[pk] == "quiz"])
    course = None
    lessons, quizzes, left_out = [], [], 0
    for page in pages:
        kind = kind_of[page.pk]
        revision = revisions.get(revision_for.get(page.pk))
        if kind == "course":
            if revision is not None:
                course = _as_of(page, revision)
            elif page.live or page.latest_revision_id is None:
                course = CoursePage.objects.get(pk=page.pk)
            else:  # a course never published nor submitted: what its author holds
                course = _as_of(page, Revision.objects.get(pk=page.latest_revision_id))
            continue
        if revision is not None:
            held = _as_of(page, revision)
        else:
            held = lessons_live.get(page.pk) or quizzes_live.get(page.pk)
        if kind == "lesson":
            if held is None:
                left_out += 1
            else:
                lessons.append(held)
        elif kind == "quiz" and held is not None:
            quizzes.append(held)
    return course, HeldCourse(lessons=lessons, quizzes=quizzes, lessons_left_out=left_out)


def projected_compliance(*, pages, revision_for, kinds) -> CourseCompliance:
    course, held = held_course(pages=pages, revision_for=revision_for, kinds=kinds)
    return course_compliance(course=course, held=held)


def changed_pages(pages) -> list[Page]:
    """The pages a course submission takes: never published, or with draft changes."""
    return [page for page in pages if not page.live or page.has_unpublished_changes]


def course_outline(*, course: CoursePage) -> Outline:
    """The builder's outline of `course`: a fixed number of queries (about 25)."""
    pages = course_pages(course)
    kinds = _kinds()
    reviews = list(course.course_reviews.order_by("-submitted_at", "-pk")[:1])
    last_review = reviews[0] if reviews else None
    pending = last_review if last_review and last_review.status == "pending" else None
    in_review = _in_review(pages, pending=pending)
    scheduled = _scheduled(pages)
    final_ids = set(
        QuizPage.objects.filter(
            pk__in=[p.pk for p in pages], kind=QuizKind.FINAL_ASSESSMENT
        ).values_list("pk", flat=True)
    )
    comments = {}
    if last_review is not None and last_review.status == CourseReview.Status.CHANGES_REQUESTED:
        comments = dict(last_review.items.exclude(comment="").values_list("page_id", "comment"))
    items = []
    for page in pages:
        kind = kinds.get(page.content_type_id, "page")
        if kind == "quiz" and page.pk in final_ids:
            kind = "final"
        items.append(
            OutlineItem(
                page=page,
                kind=kind,
                status=_status(
                    page, in_review=page.pk in in_review, scheduled=page.pk in scheduled
                ),
                level=page.depth - course.depth,
                parent_id=None,
                comment=comments.get(page.pk, ""),
            )
        )
    by_path = {item.page.path: item for item in items}
    steplen = Page.steplen
    siblings: dict[int, list[OutlineItem]] = {}
    for item in items[1:]:
        parent = by_path.get(item.page.path[:-steplen])
        item.parent_id = parent.page.pk if parent else None
        siblings.setdefault(item.parent_id, []).append(item)
    for parent_id, group in siblings.items():
        group[0].first = True
        group[-1].last = True
        parent = next((item for item in items if item.page.pk == parent_id), None)
        if parent is not None:
            parent.children = group
    changed = changed_pages(pages)
    drafts = {page.pk: page.latest_revision_id for page in changed}
    return Outline(
        course=items[0],
        items=items[1:],
        check_in_review=projected_compliance(pages=pages, revision_for=in_review, kinds=kinds),
        check_drafts=projected_compliance(
            pages=pages, revision_for={**in_review, **drafts}, kinds=kinds
        ),
        pending_review=pending,
        last_review=last_review,
        changed=len(changed),
        modules=[item for item in items if item.kind == "module"],
    )


# --- Course reviews -----------------------------------------------------------------------


def reviews_for(user) -> QuerySet:
    """Pending course reviews `user` may decide, oldest first."""
    reviews = CourseReview.objects.filter(status=CourseReview.Status.PENDING).select_related(
        "course", "submitted_by"
    )
    scope = rules.course_review_scope(user)
    if scope is not None:
        reviews = reviews.filter(course__school_id__in=scope)
    return reviews.order_by("submitted_at", "pk")


@dataclass
class ReviewRow:
    item: CourseReviewItem
    page: Page
    kind: str
    level: int
    changed_since: bool

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, "Page")

    @property
    def title(self) -> str:
        return self.page.draft_title or self.page.title

    @property
    def compare_url(self) -> str:
        """Wagtail's comparison of the live page with the submitted revision; a new page has
        nothing live, so its submitted revision is shown as it will look."""
        if self.item.revision_id is None:
            return ""
        if self.item.is_new:
            return reverse(
                "wagtailadmin_pages:revisions_view", args=[self.page.pk, self.item.revision_id]
            )
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[self.page.pk, "live", self.item.revision_id],
        )


@dataclass
class ReviewDetail:
    review: CourseReview
    rows: list[ReviewRow]
    check: CourseCompliance
    unchanged: int


def review_detail(*, review: CourseReview) -> ReviewDetail:
    """One course review: what is new, what changed (with links to Wagtail's comparison) and
    the CE check on the course once the submitted revisions are published. Fixed queries."""
    course = review.course
    pages = course_pages(course)
    kinds = _kinds()
    items = {item.page_id: item for item in review.items.all()}
    final_ids = set(
        QuizPage.objects.filter(pk__in=list(items), kind=QuizKind.FINAL_ASSESSMENT).values_list(
            "pk", flat=True
        )
    )
    rows = []
    for page in pages:
        item = items.get(page.pk)
        if item is None:
            continue
        kind = kinds.get(page.content_type_id, "page")
        rows.append(
            ReviewRow(
                item=item,
                page=page,
                kind="final" if page.pk in final_ids else kind,
                level=page.depth - course.depth,
                changed_since=page.latest_revision_id != item.revision_id,
            )
        )
    revision_for = {page_id: item.revision_id for page_id, item in items.items()}
    return ReviewDetail(
        review=review,
        rows=rows,
        check=projected_compliance(pages=pages, revision_for=revision_for, kinds=kinds),
        unchanged=len(pages) - len(rows),
    )


# --- What the reviewer said, for the page editor's banner ---------------------------------


def page_review_comments(*, page: Page) -> list[str]:
    """The reviewer's comments still open on `page`: from Wagtail's single-page workflow
    (changes requested) and from the last review of its course that covered it. Two or three
    queries."""
    found = []
    state = (
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=str(page.pk),
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        task = (
            TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_REJECTED)
            .select_related("finished_by")
            .order_by("-finished_at", "-pk")
            .first()
        )
        if task is not None:
            who = task.finished_by.get_full_name() if task.finished_by else "The reviewer"
            text = task.comment or "no comment given"
            found.append(f"{who or 'The reviewer'} requested changes: {text}")
    item = (
        CourseReviewItem.objects.filter(page_id=page.pk)
        .select_related("review")
        .order_by("-review__submitted_at", "-review_id")
        .first()
    )
    if item is not None and item.review.status == CourseReview.Status.CHANGES_REQUESTED:
        newer = CourseReview.objects.filter(
            course_id=item.review.course_id, submitted_at__gt=item.review.submitted_at
        ).exists()
        if not newer:
            found.append(f"Course review: changes requested: {item.review.comment}")
            if item.comment:
                found.append(f"On this page: {item.comment}")
    return found
