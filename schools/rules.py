"""Who may do what: the one rule set that views, selectors and Wagtail permission policies ask.

Two facts decide everything. Platform staff (active, and staff or superuser) may do anything
anywhere. Anyone else acts through their school memberships, read in one query the first time
a rule needs them and kept on the user object, so a request pays for them once however many
rules it asks. Rules take the objects they judge (a course, a pool) and read only their
`school_id`, so this module needs nothing above schools.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from schools.models import School, SchoolMembership

Role = SchoolMembership.Role
STAFF = "staff"  # the role reported for platform staff, beside the membership roles

ADMIN_ROLES = (Role.ADMIN,)
TEACHING_ROLES = (Role.ADMIN, Role.INSTRUCTOR)
ALL_ROLES = (Role.ADMIN, Role.INSTRUCTOR, Role.REVIEWER)

# Reviewers read a school's register and evaluation results; learners' licence data and
# revenue are for those who teach.
REGISTER_READ_ROLES = ALL_ROLES
REGISTER_EXPORT_ROLES = TEACHING_ROLES
# Certificate designs are edited by those who teach (README: "instructors edit their school's
# designs"); the sandbox and the render check on save keep a design from doing harm.
DESIGN_ROLES = TEACHING_ROLES

# On the user object, so its lifetime is the request's (request.user is loaded per request).
_MEMBERSHIPS_CACHE = "_school_memberships"


# --- The two facts ------------------------------------------------------------------------


def is_platform_staff(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser))


def memberships(user) -> dict[int, SchoolMembership]:
    """{school id: membership, with its school} for an active user: one query per user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _MEMBERSHIPS_CACHE, None)
    if cached is None:
        rows = SchoolMembership.objects.filter(user=user).select_related("school")
        cached = {membership.school_id: membership for membership in rows}
        setattr(user, _MEMBERSHIPS_CACHE, cached)
    return cached


def school_ids(user, *, roles=ALL_ROLES) -> frozenset[int]:
    """The schools where `user` holds one of `roles` (staff included only by membership)."""
    return frozenset(school_id for school_id, row in memberships(user).items() if row.role in roles)


def school_scope(user, *, roles=ALL_ROLES) -> frozenset[int] | None:
    """The schools whose rows `user` may reach with `roles`: None means every school (staff)."""
    if is_platform_staff(user):
        return None
    return school_ids(user, roles=roles)


def role_in_school(user, *, school_id: int | None) -> str | None:
    """STAFF for platform staff, the user's membership role in the school, or None."""
    if is_platform_staff(user):
        return STAFF
    row = memberships(user).get(school_id) if school_id else None
    return row.role if row else None


def school_and_role(user, *, slug: str) -> tuple[School, str] | None:
    """(school, role) by the school's slug for staff and members, else None: one query."""
    if is_platform_staff(user):
        school = School.objects.filter(slug=slug).first()
        return (school, STAFF) if school else None
    for row in memberships(user).values():
        if row.school.slug == slug:
            return row.school, row.role
    return None


def _holds(user, *, school_id: int | None, roles) -> bool:
    role = role_in_school(user, school_id=school_id)
    return role == STAFF or role in roles


def platform_staff_users() -> QuerySet:
    return get_user_model().objects.filter(
        Q(is_active=True) & (Q(is_staff=True) | Q(is_superuser=True))
    )


def staff_and_members(*, roles) -> QuerySet:
    """Users who are platform staff or hold one of `roles` in some school (for Wagtail's
    users_with_any_permission)."""
    members = SchoolMembership.objects.filter(role__in=list(roles)).values("user")
    return get_user_model().objects.filter(
        Q(is_active=True) & (Q(is_staff=True) | Q(is_superuser=True) | Q(pk__in=members))
    )


# --- Courses, lessons, live sessions ------------------------------------------------------


def may_teach_course(user, *, course) -> bool:
    """Gradebook, attempts, item analysis: staff and the school's admins and instructors."""
    return course is not None and _holds(user, school_id=course.school_id, roles=TEACHING_ROLES)


def may_grant_accommodation(user, *, course) -> bool:
    """Extra time on a course's timed quizzes: staff and the school's admins and instructors."""
    return may_teach_course(user, course=course)


def may_run_live_sessions(user, *, course) -> bool:
    return may_teach_course(user, course=course)


def may_open_locked_content(user, *, course) -> bool:
    """Modules not yet released and courses whose prerequisites are missing stay open to staff
    and every member of the course's school (admins, instructors, reviewers), who preview them."""
    return course is not None and _holds(user, school_id=course.school_id, roles=ALL_ROLES)


# --- Orders and seats ---------------------------------------------------------------------


def may_refund_order(user) -> bool:
    return is_platform_staff(user)


def may_grant_seats(user, *, course=None) -> bool:
    """On `course`: staff and its school's admins. Without a course: whether the user may
    grant seats on any course at all (staff, or an admin of some school)."""
    if course is None:
        return is_platform_staff(user) or bool(school_ids(user, roles=ADMIN_ROLES))
    return _holds(user, school_id=course.school_id, roles=ADMIN_ROLES)


def may_manage_seat_pool(user, *, pool) -> bool:
    """Staff, the pool's manager (a buyer or someone a school named), the school's admins."""
    if not user.is_authenticated:
        return False
    if pool.manager_id == user.pk:
        return True
    return _holds(user, school_id=pool.school_id, roles=ADMIN_ROLES)


def seat_pools_managed_by(user) -> Q | None:
    """may_manage_seat_pool as a filter on pools (None for staff: every pool), so a page checks
    access and loads its pool in one query. The school-admin test is a subquery, not a join, so
    counts over a pool's codes are not multiplied by membership rows."""
    if is_platform_staff(user):
        return None
    admin_of = SchoolMembership.objects.filter(user=user, role__in=ADMIN_ROLES).values("school_id")
    return Q(manager=user) | Q(school_id__in=admin_of)


# --- Question banks -----------------------------------------------------------------------


def question_bank_scope(user, *, write: bool) -> frozenset[int] | None:
    """Schools whose banks `user` may edit (admins, instructors) or read (any member); None
    means every school (staff)."""
    return school_scope(user, roles=TEACHING_ROLES if write else ALL_ROLES)


# --- Certificates and their designs -------------------------------------------------------


def may_view_certificates(user) -> bool:
    """The certificates admin: staff and the admins and instructors of some school."""
    return is_platform_staff(user) or bool(school_ids(user, roles=TEACHING_ROLES))


def may_view_certificate(user, *, certificate) -> bool:
    """One certificate in the admin: staff and its school's admins and instructors."""
    return _holds(user, school_id=certificate.school_id, roles=TEACHING_ROLES)


def may_manage_certificate(user, *, certificate) -> bool:
    """Revoke, reinstate and reissue: staff and the certificate's school's admins."""
    return _holds(user, school_id=certificate.school_id, roles=ADMIN_ROLES)


def may_view_designs(user) -> bool:
    return may_view_certificates(user)


def may_manage_designs(user) -> bool:
    """Add and change designs: staff, and a school's admins and instructors (for their own
    schools), as the README says."""
    return is_platform_staff(user) or bool(school_ids(user, roles=DESIGN_ROLES))


def may_view_design(user, *, school_id: int | None) -> bool:
    """A platform design (no school) is shown to every school's teaching members."""
    if is_platform_staff(user):
        return True
    schools = school_ids(user, roles=TEACHING_ROLES)
    return bool(schools) and (school_id is None or school_id in schools)


def may_edit_design(user, *, school_id: int | None) -> bool:
    """Platform designs are the staff's; a school's, its admins' and instructors' too."""
    return _holds(user, school_id=school_id, roles=DESIGN_ROLES)


def design_school_ids(user) -> frozenset[int]:
    """The schools whose designs `user` may add and change (staff: by scope, not here)."""
    return school_ids(user, roles=DESIGN_ROLES)


# --- A school's records -------------------------------------------------------------------


def may_read_register(role: str | None) -> bool:
    """For a role from school_and_role: staff, and every member role."""
    return role == STAFF or role in REGISTER_READ_ROLES


def may_export_register(role: str | None) -> bool:
    """Learners' licence data and revenue: staff, the school's admins and instructors."""
    return role == STAFF or role in REGISTER_EXPORT_ROLES


def may_manage_school_seats(role: str | None) -> bool:
    return role in (STAFF, Role.ADMIN)


def may_manage_tracking_credentials(role: str | None) -> bool:
    """A school's tracking-system account (CE Broker...): its admins and staff."""
    return role in (STAFF, Role.ADMIN)


# --- Credit a learner earned elsewhere ----------------------------------------------------

# A school that teaches a learner may vouch for their other CE hours; reviewers (who read, never
# decide) and schools the learner never enrolled with may not.
EXTERNAL_CREDIT_ROLES = TEACHING_ROLES


def external_credit_review_scope(user) -> frozenset[int] | None:
    """The schools whose enrolled learners' credit `user` may review: None means everyone's
    (staff); an empty set means nobody's."""
    return school_scope(user, roles=EXTERNAL_CREDIT_ROLES)


def may_review_external_credit(user, *, learner_school_ids) -> bool:
    """Accept or reject a learner's credit earned elsewhere (and read its certificate): staff,
    and the admins and instructors of a school the learner enrolled with (`learner_school_ids`)."""
    scope = external_credit_review_scope(user)
    return scope is None or bool(scope & frozenset(learner_school_ids))


def may_manage_every_tracking_account(user) -> bool:
    """Every school's tracking-system accounts, listed in the Wagtail admin: staff only."""
    return is_platform_staff(user)


# --- Authoring: the course builder and reviews of a whole course --------------------------

# Those who may publish a school's pages: the roles in its reviewers group
# (schools.services.ROLE_GROUPS), so a course review and Wagtail's own workflow agree.
REVIEW_ROLES = (Role.ADMIN, Role.REVIEWER)


def may_author_course(user, *, course) -> bool:
    """The course builder (add, rename, reorder, submit for review): staff and the course
    school's admins and instructors."""
    return course is not None and _holds(user, school_id=course.school_id, roles=TEACHING_ROLES)


def may_review_course(user, *, course) -> bool:
    """Approve a whole course or request changes: staff and the school's reviewers and admins.
    An instructor never approves, their own submission or anyone's."""
    return course is not None and _holds(user, school_id=course.school_id, roles=REVIEW_ROLES)


def course_review_scope(user) -> frozenset[int] | None:
    """Schools whose course reviews `user` may decide; None means every school (staff)."""
    return school_scope(user, roles=REVIEW_ROLES)


# --- A school's team and set-up -----------------------------------------------------------


def may_create_school(user) -> bool:
    """New schools are made by operators (create_school) and platform staff in the admin."""
    return is_platform_staff(user)


def may_manage_team(user, *, school_id: int | None) -> bool:
    """Invite, resend, revoke, change roles, remove, read the team's audit log: staff and the
    school's admins."""
    return school_id is not None and _holds(user, school_id=school_id, roles=ADMIN_ROLES)


def may_set_up_school(user, *, school_id: int | None) -> bool:
    """The set-up checklist and the school's own settings (legal details, provider approvals,
    signatures, payout account): staff and the school's admins."""
    return school_id is not None and _holds(user, school_id=school_id, roles=ADMIN_ROLES)


def team_school_ids(user) -> frozenset[int] | None:
    """Schools whose team and set-up `user` may manage; None means every school (staff)."""
    return school_scope(user, roles=ADMIN_ROLES)
