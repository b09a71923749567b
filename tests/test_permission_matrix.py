"""The permission matrix: every URL the site answers, for each role of school A (admin,
instructor, reviewer) and a learner with no part in school B, against school B's objects.

No URL, admin or front-end, may let a member of one school read or change another school's
courses, questions, attempts, certificates, orders or students. MATRIX below classifies every
URL pattern of the URLconf; a pattern missing from it fails test_every_url_is_in_the_matrix,
so a new URL cannot skip the matrix: add an entry for it (Obj, Listing, Public or
NotApplicable, described in tests/permission_matrix_targets.py).

School B with one of everything, and the people of both schools, are built once for the
module, as production builds them (school_create, school_member_add); every test runs in a
transaction rolled back after it. A leak found and not yet fixed is listed in KNOWN_LEAKS,
which turns its cases into strict xfails: fixing the leak makes them fail until removed.
"""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import CoursePage
from live.hours import attendance_token
from quizzes.models import QuizSlot
from tests.permission_matrix_targets import (
    ATTACKERS,
    DJANGO_ADMIN,
    Json,
    Listing,
    NotApplicable,
    Obj,
    Public,
    all_patterns,
    at,
    build_world,
    changed,
    content,
    db_writes,
    django_admin_urls,
    post,
    refused,
    secrets_in,
    state,
    targets,
)

# --- Helpers for the table ------------------------------------------------------------------


def nothing(w):
    return {}


def by(**fields):
    """URL kwargs from the world's objects: by(page_id="course") -> page_id=w.course.pk."""

    def urls(w):
        return [at(**{kw: getattr(w, attr).pk for kw, attr in fields.items()})]

    return urls


def query(text):
    return lambda w: [at(query=text)]


SEARCH = query("?q=valleysecret")


def image_upload(w):
    return {"title": "upload", "collection": w.b.collection_id, "file": get_test_image_file()}


def document_upload(w):
    upload = SimpleUploadedFile("upload.txt", b"upload")
    return {"title": "upload", "collection": w.b.collection_id, "file": upload}


def gift_upload(w):
    return {"format": "gift", "file": SimpleUploadedFile("hack.gift", b"::Hack:: Is it? {T}\n")}


def with_reason(w):
    return {"reason": "hack"}


def course_page(w):
    return [at(page_id=w.course.pk), at(page_id=w.lesson.pk)]


def snippets(app, model, obj, *, copy=True, inspect=False, chooser=True, add_post=None):
    """The URLs of a Wagtail snippet viewset and its chooser, for school B's row `obj`."""
    ns = f"wagtailsnippets_{app}_{model}"

    def pk(w):
        return [at(pk=obj(w).pk)]

    entries = {
        f"{ns}:list": Listing(SEARCH),
        f"{ns}:list_results": Listing(SEARCH),
        f"{ns}:add": Listing(post=add_post),
        f"{ns}:edit": Obj(pk, post=lambda w: {"name": "hacked"}),
        f"{ns}:delete": Obj(pk, post=nothing),
        f"{ns}:usage": Obj(pk),
        f"{ns}:history": Obj(pk),
        f"{ns}:history_results": Obj(pk),
    }
    if copy:
        entries[f"{ns}:copy"] = Obj(pk)
    if inspect:
        entries[f"{ns}:inspect"] = Obj(pk)
    if chooser:
        ch = f"wagtailsnippetchoosers_{app}_{model}"
        entries |= {
            f"{ch}:choose": Listing(SEARCH),
            f"{ch}:choose_results": Listing(SEARCH),
            # Schools, topics and accrediting bodies are public catalog data, chosen by name
            # from any course page's form. An instructor is public once a course credits them;
            # one on a school's staff list only (w.staff_instructor) must not be found here.
            f"{ch}:chosen": Listing(lambda w: [at(pk=str(obj(w).pk))]),
            f"{ch}:chosen_multiple": Listing(lambda w: [at(query=f"?id={obj(w).pk}")]),
            f"{ch}:create": Listing(post=add_post),
        }
    return entries


def viewset(ns, obj, actions, *, add_post=None, edit_post=None, posts=None, control=None):
    """A Wagtail ModelViewSet's URLs: index, results and add, then `actions` on B's `obj`
    (edit, delete and those in `posts` also POSTed)."""

    def pk(w):
        return [at(pk=obj(w).pk)]

    entries = {
        f"{ns}:index": Listing(SEARCH, control=control),
        f"{ns}:index_results": Listing(SEARCH, control=control),
        f"{ns}:add": Listing(post=add_post),
    }
    posted = {"edit": edit_post or nothing, "delete": nothing, **(posts or {})}
    for action in actions:
        entries[f"{ns}:{action}"] = Obj(pk, post=posted.get(action))
    return entries


MODEL_ACTIONS = ("edit", "delete", "history", "history_results", "usage")


# --- The matrix -----------------------------------------------------------------------------

MFA = "sets up or asks for one's own second factor; reads no school's data"
AUTH = "signs people in or out, or resets a password by emailed token; reads no school's data"

FRONT_END = {
    "healthz": NotApplicable("a liveness probe: answers ok, reads nothing"),
    "wagtaildocs_serve": Public(
        "Wagtail serves a document to anyone holding its link unless its collection is "
        "private; school collections are not (see the report)"
    ),
    "wagtaildocs_authenticate_with_password": Public("the password form of a private document"),
    "accounts:profile": Listing(),
    # Deleting one's own account: the page is the signed-in user's own (it names no one else).
    "account_deletion:delete": Listing(),
    "account_deletion:done": NotApplicable("a fixed page shown after one's own account went"),
    "account_login": NotApplicable(AUTH),
    # allauth.mfa: one's own second factors (authenticator app, passkeys, recovery codes).
    "mfa_activate_totp": NotApplicable(MFA),
    "mfa_add_webauthn": NotApplicable(MFA),
    "mfa_authenticate": NotApplicable(MFA),
    "mfa_deactivate_totp": NotApplicable(MFA),
    "mfa_download_recovery_codes": NotApplicable(MFA),
    "mfa_edit_webauthn": NotApplicable(MFA),
    "mfa_generate_recovery_codes": NotApplicable(MFA),
    "mfa_index": NotApplicable(MFA),
    "mfa_list_webauthn": NotApplicable(MFA),
    "mfa_reauthenticate": NotApplicable(MFA),
    "mfa_reauthenticate_webauthn": NotApplicable(MFA),
    "mfa_remove_webauthn": NotApplicable(MFA),
    "mfa_view_recovery_codes": NotApplicable(MFA),
    "account_logout": NotApplicable(AUTH),
    "account_inactive": NotApplicable(AUTH),
    "account_signup": NotApplicable(AUTH),
    "account_reauthenticate": NotApplicable(AUTH),
    "account_email": Listing(),
    "account_email_verification_sent": NotApplicable(AUTH),
    "account_change_password": Listing(),
    "account_set_password": Listing(),
    "account_reset_password": NotApplicable(AUTH),
    "account_confirm_login_code": NotApplicable(AUTH),
    "account_confirm_email": NotApplicable(AUTH),
    "account_reset_password_from_key_done": NotApplicable(AUTH),
    "account_reset_password_from_key": NotApplicable(AUTH),
    "account_reset_password_done": NotApplicable(AUTH),
    # One's own e-mail choices; the unsubscribe link's signed token names whose choice it turns
    # off, and all it can do is stop one kind of optional e-mail (tests/notifications).
    "notifications:preferences": Listing(),
    "notifications:unsubscribe": NotApplicable(
        "a signed token that only turns one person's optional e-mails off; reads no school's data"
    ),
    # Payments: a student's orders are theirs alone.
    "payments:success": Obj(lambda w: [at(query=f"?order={w.order.pk}")], control="b_student"),
    "payments:cancel": Obj(lambda w: [at(query=f"?order={w.order.pk}")], control="b_student"),
    "payments:orders": Listing(),
    "payments:status": Obj(by(order_id="order"), control="b_student"),
    "payments:receipt": Obj(by(order_id="order"), control="b_student"),
    "payments:test_checkout": Obj(by(order_id="order"), post=nothing),
    "payments:stripe_webhook": NotApplicable(
        "Stripe's deliveries, verified by signature (tests/courses/payments); no session user"
    ),
    # Seats: a pool is its manager's and its school admins'.
    "seats:redeem": Public("a seat code is a bearer token: whoever holds one may redeem it"),
    # Anyone may buy seats on a live course for their team; the order is the buyer's.
    "seats:buy": Listing(lambda w: [at(course_slug=w.course.slug)]),
    "seats:pools": Listing(control="b_admin"),
    "seats:pool_new": Listing(
        post=lambda w: {
            "course": w.course.pk,
            "organisation": "Hack",
            "manager": w.users["a_admin"].email,
            "seats": 2,
        }
    ),
    "seats:pool": Obj(
        by(pool_id="pool"),
        post=lambda w: {"file": SimpleUploadedFile("i.csv", b"email,name\nx@example.com,X\n")},
        control="b_admin",
    ),
    "seats:pool_export": Obj(by(pool_id="pool"), control="b_admin"),
    "seats:code_revoke": Obj(by(pool_id="pool", code_id="code"), post=nothing),
    # Courses: enrolling is the learner's own act on a public, live course.
    "commerce:enrol": Public("any signed-in learner may enrol themselves on a live course"),
    "courses:my_courses": Listing(),
    "courses:search": Listing(SEARCH),
    # A learner's choice of boards for CE credit: their own enrolment only.
    "courses:credit_boards": Obj(
        by(enrollment_id="enrollment"), post=lambda w: {"approval": []}, control="b_student"
    ),
    # Seat time: a learner's heartbeat adds only to their own visit of a lesson they opened.
    # The boards a learner usually needs: their own choice, among every body (none is B's).
    "courses:default_boards": Listing(post=lambda w: {"bodies": []}),
    "courses:seat_time_heartbeat": Obj(
        by(lesson_id="lesson"), post=lambda w: Json('{"visible": true, "active": true}')
    ),
    # Live sessions: run by the course school's admins and instructors; checking in is for
    # the course's enrolled learners holding a fresh code.
    "live:sessions": Obj(by(course_id="course"), control="b_instructor"),
    "live:session_new": Obj(
        by(course_id="course"), post=lambda w: {"title": "hacked"}, control="b_instructor"
    ),
    "live:attendance_csv": Obj(by(course_id="course"), control="b_instructor"),
    "live:skills": Obj(
        lambda w: [at(course_id=w.course.pk, enrollment_id=w.enrollment.pk)],
        post=lambda w: {"items": [w.other_skill.pk]},
        control="b_instructor",
    ),
    "live:session": Obj(
        by(session_id="live_session"),
        post=lambda w: {
            "student": w.users["b_student"].pk,
            "checked_in_at": "2020-01-01T09:00",
            "checked_out_at": "2020-01-01T12:00",
        },
        control="b_instructor",
    ),
    "live:session_edit": Obj(
        by(session_id="live_session"), post=lambda w: {"title": "hacked"}, control="b_admin"
    ),
    "live:session_qr": Obj(
        lambda w: [at(session_id=w.live_session.pk, action="in")], control="b_instructor"
    ),
    "live:check": Obj(
        lambda w: [
            at(
                token=attendance_token(
                    session_id=w.live_session.pk, action=action, now=timezone.now()
                )
            )
            for action in ("in", "out")
        ],
        post=nothing,
    ),
    # Quizzes: attempts are the student's; the instructor tools the course school's.
    "quizzes:start": Obj(by(quiz_id="quiz"), post=nothing, also_refused=lambda w: [w.quiz.url]),
    "quizzes:attempt": Obj(by(attempt_id="attempt"), post=lambda w: {"submit": "1"}),
    "quizzes:autosave": Obj(
        by(attempt_id="attempt"), post=lambda w: Json('{"question": 1, "fields": {}}')
    ),
    "quizzes:submit": Obj(by(attempt_id="attempt"), post=nothing),
    "quizzes:review": Obj(by(attempt_id="attempt"), control="b_student"),
    "quizzes:item_analysis": Obj(by(quiz_id="quiz"), control="b_instructor"),
    "quizzes:attempt_list": Obj(
        lambda w: [at(quiz_id=w.quiz.pk), at(quiz_id=w.quiz.pk, query="?format=csv")],
        control="b_instructor",
    ),
    "quizzes:gradebook": Obj(
        lambda w: [at(course_id=w.course.pk), at(course_id=w.course.pk, query="?format=csv")],
        control="b_instructor",
    ),
    "quizzes:accommodations": Obj(
        by(course_id="course"),
        post=lambda w: {
            "email": w.users["b_student"].email,
            "time_factor": "2",
            "extra_minutes": "0",
            "applies_to": "course",
            "reason": "hack",
        },
        control="b_instructor",
    ),
    "quizzes:attempt_grade": Obj(
        by(attempt_id="attempt"),
        post=lambda w: {"slot": 1, "mark": "0", "reason": "hack"},
        control="b_admin",
    ),
    # Certificates: the learner's steps, the PDF, and public verification.
    "certificates:course": Obj(by(course_id="course"), control="b_student"),
    "certificates:evaluation": Obj(by(course_id="course"), post=nothing),
    "certificates:confirm": Obj(by(course_id="course"), post=nothing),
    "certificates:verify_lookup": Public("finds a certificate by its number and the surname"),
    "certificates:verify": Public("the verification page, found by the certificate's code"),
    "certificates:download": Obj(
        lambda w: [at(key=w.certificate.number), at(key=str(w.certificate.pk))],
        control="b_student",
    ),
    "credentials:issuer": Public("the platform's issuer profile for Open Badges"),
    "credentials:key": Public("the platform's public signing keys"),
    "credentials:status_list": Public("the revocation list every verifier fetches"),
    "credentials:download": Public("a credential, found by the certificate's verify code"),
    # Transcripts: the learner's own, and school records for the school's staff.
    "transcripts:transcript": Listing(control="b_student"),
    "transcripts:transcript_csv": Listing(control="b_student"),
    "transcripts:transcript_pdf": Listing(),
    "transcripts:shares": Listing(control="b_student"),
    "transcripts:share_revoke": Obj(by(pk="share"), post=nothing),
    # Credit earned elsewhere: its owner's; the certificate file and the review also for B's
    # admins and instructors (the learner enrolled with B) and staff.
    "transcripts:external_credits": Listing(control="b_student"),
    "transcripts:external_credit_add": Listing(),
    "transcripts:external_credit_edit": Obj(
        by(pk="external_credit"),
        post=lambda w: {
            "course_title": "hacked",
            "provider_name": "hacked",
            "body": w.accrediting_body.pk,
            "hours": "99",
            "completed_on": "2026-01-01",
        },
        control="b_student",
    ),
    "transcripts:external_credit_delete": Obj(
        by(pk="external_credit"), post=nothing, control="b_student"
    ),
    "transcripts:external_credit_file": Obj(by(pk="external_credit"), control="b_admin"),
    "transcripts:external_credit_reviews": Listing(control="b_instructor"),
    "transcripts:external_credit_review": Obj(
        by(pk="external_credit"), post=lambda w: {"decision": "accept"}, control="b_admin"
    ),
    "transcripts:shared": Public("a transcript shared by its owner through a secret link"),
    "transcripts:shared_csv": Public("a transcript shared by its owner through a secret link"),
    "transcripts:shared_pdf": Public("a transcript shared by its owner through a secret link"),
    "transcripts:school_records_moved": NotApplicable(
        "a permanent redirect from a school page's old /schools/ address; the page "
        "it leads to checks access"
    ),
    "transcripts:school": Obj(lambda w: [at(school_slug=w.b.slug)], control="b_reviewer"),
    "transcripts:register": Obj(lambda w: [at(school_slug=w.b.slug)], control="b_reviewer"),
    "transcripts:register_csv": Obj(lambda w: [at(school_slug=w.b.slug)], control="b_admin"),
    "transcripts:completions": Obj(lambda w: [at(school_slug=w.b.slug)], control="b_admin"),
    "transcripts:completions_csv": Obj(lambda w: [at(school_slug=w.b.slug)], control="b_admin"),
    # School A's own register, asked about school B's course, as well as B's register.
    "transcripts:evaluations": Obj(
        lambda w: [
            at(school_slug=w.b.slug, course_id=w.course.pk),
            at(school_slug=w.a.slug, course_id=w.course.pk),
        ]
    ),
    "transcripts:evaluations_csv": Obj(
        lambda w: [
            at(school_slug=w.b.slug, course_id=w.course.pk),
            at(school_slug=w.a.slug, course_id=w.course.pk),
        ]
    ),
    # Copies from the record, and reporting deadlines: the school's admins and instructors.
    "transcripts:record_certificate": Obj(
        lambda w: [
            at(school_slug=w.b.slug, certificate_id=w.certificate.pk),
            at(school_slug=w.a.slug, certificate_id=w.certificate.pk),
        ],
        control="b_admin",
    ),
    "transcripts:record_transcript": Obj(
        lambda w: [
            at(school_slug=w.b.slug, student_id=w.users["b_student"].pk),
            at(school_slug=w.a.slug, student_id=w.users["b_student"].pk),
        ],
        control="b_admin",
    ),
    "transcripts:reporting": Obj(lambda w: [at(school_slug=w.b.slug)], control="b_admin"),
    "transcripts:reporting_roster": Obj(
        lambda w: [
            at(school_slug=w.b.slug, body_id=w.accrediting_body.pk),
            at(school_slug=w.a.slug, body_id=w.accrediting_body.pk),
        ]
    ),
    "transcripts:reporting_mark": Obj(
        lambda w: [
            at(school_slug=w.b.slug, body_id=w.accrediting_body.pk),
            at(school_slug=w.a.slug, body_id=w.accrediting_body.pk),
        ],
        post=lambda w: {"certificate": [w.certificate.pk], "as_of": "2030-01-01T00:00:00+00:00"},
    ),
    "transcripts:reporting_credentials": Obj(
        lambda w: [
            at(school_slug=w.b.slug, body_id=w.accrediting_body.pk),
            at(school_slug=w.a.slug, body_id=w.accrediting_body.pk),
        ],
        post=lambda w: {"transport": "xml", "provider_id": "hacked", "enabled": "on"},
    ),
    "transcripts:reporting_now": Obj(
        lambda w: [
            at(school_slug=w.b.slug, body_id=w.accrediting_body.pk),
            at(school_slug=w.a.slug, body_id=w.accrediting_body.pk),
        ],
        post=lambda w: {},
    ),
    "transcripts:reporting_file": Obj(
        lambda w: [
            at(school_slug=w.b.slug, batch_id=w.roster_batch.pk),
            at(school_slug=w.a.slug, batch_id=w.roster_batch.pk),
        ],
        control="b_admin",
    ),
    # Wagtail's front end: pages by path. B's lesson is for its enrolled learners.
    "wagtail_serve": Obj(lambda w: [w.lesson.url], control="b_student"),
    # The same paths, answered first by the enrolled learner's lesson view (issue 19).
    "enrolled_lesson_or_page": Obj(lambda w: [w.lesson.url], control="b_student"),
    "wagtailcore_authenticate_with_password": Public("the password form of a private page"),
    "wagtailcore_login": NotApplicable(AUTH),
    # Wagtail's two login pages, replaced by redirects to the site's one login (allauth's).
    "admin_login_to_site_login": NotApplicable(AUTH),
    "frontend_login_to_site_login": NotApplicable(AUTH),
}


def b_course_in(w):
    """School B's course through B's dashboard, and through school A's (the course is not A's)."""
    return [
        at(school_slug=w.b.slug, course_id=w.course.pk),
        at(school_slug=w.a.slug, course_id=w.course.pk),
    ]


DASHBOARD = {
    # The page tree's "Course dashboard" button: redirects to the course's school dashboard.
    "dashboard:course_for_page": Obj(by(course_id="course")),
    "dashboard:course": Obj(b_course_in, control="b_reviewer"),
    "dashboard:enrolments_csv": Obj(b_course_in),
    "dashboard:funnel_csv": Obj(b_course_in),
    "dashboard:quizzes_csv": Obj(b_course_in),
    "dashboard:revenue_csv": Obj(b_course_in),
    "dashboard:students": Obj(b_course_in, control="b_admin"),
    "dashboard:students_csv": Obj(b_course_in),
    # B's student, by B's course and by school A's own course (where they are no student).
    "dashboard:student": Obj(
        lambda w: [
            at(school_slug=w.b.slug, course_id=w.course.pk, enrollment_id=w.enrollment.pk),
            at(school_slug=w.a.slug, course_id=w.a_course.pk, enrollment_id=w.enrollment.pk),
        ],
        control="b_instructor",
    ),
}

PAGES = {
    "wagtailadmin_explore_root": Listing(),
    # Wagtail sends an editor who asks for a part of the tree they may not explore to their own.
    "wagtailadmin_explore": Obj(
        lambda w: [at(parent_page_id=w.b.section_id), at(parent_page_id=w.course.pk)],
        control="b_instructor",
        also_refused=lambda w: [reverse("wagtailadmin_explore", args=[w.a.section_id])],
    ),
    "wagtailadmin_explore_results": Obj(
        lambda w: [at(parent_page_id=w.b.section_id), at(parent_page_id=w.course.pk)],
        also_refused=lambda w: [reverse("wagtailadmin_explore", args=[w.a.section_id])],
    ),
    "wagtailadmin_pages:add": Obj(
        lambda w: [
            at("courses", "modulepage", w.course.pk),
            at("courses", "coursepage", w.b.section_id),
        ],
        post=lambda w: {"title": "Hack", "slug": "hack", "action-publish": "1"},
    ),
    "wagtailadmin_pages:preview_on_add": Obj(
        lambda w: [at("courses", "modulepage", w.course.pk)],
        post=lambda w: {"title": "Hack", "slug": "hack"},
    ),
    "wagtailadmin_pages:type_use": Listing(lambda w: [at("courses", "coursepage")]),
    "wagtailadmin_pages:type_use_results": Listing(lambda w: [at("courses", "coursepage")]),
    "wagtailadmin_pages:choose_parent": Listing(lambda w: [at("courses", "coursepage")]),
    "wagtailadmin_pages:usage": Obj(course_page),
    "wagtailadmin_pages:edit": Obj(
        course_page,
        post=lambda w: {"title": "Hacked", "slug": "hacked", "action-publish": "1"},
        control="b_instructor",
    ),
    "wagtailadmin_pages:preview_on_edit": Obj(
        course_page, post=lambda w: {"title": "Hacked", "slug": "hacked"}
    ),
    "wagtailadmin_pages:view_draft": Obj(course_page, control="b_reviewer"),
    "wagtailadmin_pages:add_subpage": Obj(lambda w: [at(parent_page_id=w.course.pk)]),
    "wagtailadmin_pages:delete": Obj(course_page, post=nothing),
    "wagtailadmin_pages:unpublish": Obj(course_page, post=nothing),
    "wagtailadmin_pages:convert_alias": Obj(by(page_id="alias"), post=nothing, control="b_admin"),
    "wagtailadmin_pages:search": Listing(SEARCH),
    "wagtailadmin_pages:search_results": Listing(SEARCH),
    "wagtailadmin_pages:move": Obj(by(page_to_move_id="course")),
    "wagtailadmin_pages:move_confirm": Obj(
        lambda w: [
            at(page_to_move_id=w.course.pk, destination_id=w.a.section_id),
            at(page_to_move_id=w.a_course.pk, destination_id=w.b.section_id),
        ],
        post=nothing,
    ),
    "wagtailadmin_pages:set_page_position": Obj(
        lambda w: [at(page_to_move_id=w.lesson.pk, query="?position=0")], post=nothing
    ),
    "wagtailadmin_pages:copy": Obj(
        course_page,
        post=lambda w: {
            "new_title": "Copy",
            "new_slug": "copy",
            "new_parent_page": w.a.section_id,
            "copy_subpages": "on",
        },
    ),
    "wagtailadmin_pages:workflow_action": Obj(
        lambda w: [at(w.course.pk, "approve", w.task_state.pk)], post=lambda w: {"comment": ""}
    ),
    "wagtailadmin_pages:collect_workflow_action_data": Obj(
        lambda w: [at(w.course.pk, "approve", w.task_state.pk)], control="b_reviewer"
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": Obj(by(page_id="course")),
    "wagtailadmin_pages:workflow_preview": Obj(
        lambda w: [at(page_id=w.course.pk, task_id=w.task.pk)], control="b_reviewer"
    ),
    "wagtailadmin_pages:set_privacy": Obj(
        course_page, post=lambda w: {"restriction_type": "login"}
    ),
    "wagtailadmin_pages:lock": Obj(course_page, post=nothing),
    "wagtailadmin_pages:unlock": Obj(course_page, post=nothing),
    "wagtailadmin_pages:revisions_index": Obj(
        course_page,  # an old address of the history page, which refuses (below)
        also_refused=lambda w: [
            reverse("wagtailadmin_pages:history", args=[page])
            for page in (w.course.pk, w.lesson.pk)
        ],
    ),
    "wagtailadmin_pages:revisions_view": Obj(
        lambda w: [at(page_id=w.course.pk, revision_id=w.revision.pk)], control="b_reviewer"
    ),
    "wagtailadmin_pages:revisions_revert": Obj(
        lambda w: [at(page_id=w.course.pk, revision_id=w.revision.pk)]
    ),
    "wagtailadmin_pages:revisions_unschedule": Obj(
        lambda w: [at(page_id=w.course.pk, revision_id=w.revision.pk)], post=nothing
    ),
    "wagtailadmin_pages:revisions_compare": Obj(
        lambda w: [at(pk=w.course.pk, revision_id_a="earliest", revision_id_b="latest")]
    ),
    "wagtailadmin_pages:workflow_history": Obj(by(page_id="course")),
    "wagtailadmin_pages:workflow_history_detail": Obj(
        by(page_id="course", workflow_state_id="workflow_state")
    ),
    "wagtailadmin_pages:history": Obj(course_page),
    "wagtailadmin_pages:history_results": Obj(course_page),
    # Bulk actions take any ids, and act on (and list) only those the user may act on.
    "wagtail_bulk_action": Listing(
        lambda w: (
            [
                at("wagtailcore", "page", action, query=f"?id={w.lesson.pk}")
                for action in ("delete", "unpublish", "move")
            ]
            + [
                at("wagtailimages", "image", "delete", query=f"?id={w.image.pk}"),
                at("wagtaildocs", "document", "delete", query=f"?id={w.document.pk}"),
                at("accounts", "user", "delete", query=f"?id={w.users['b_student'].pk}"),
            ]
        ),
        post=nothing,
    ),
    "wagtailadmin_choose_page": Listing(),
    "wagtailadmin_choose_page_child": Listing(lambda w: [at(w.b.section_id)]),
    "wagtailadmin_choose_page_search": Listing(SEARCH),
    "wagtailadmin_choose_page_chosen_multiple": Listing(lambda w: [at(query=f"?id={w.course.pk}")]),
    "wagtailadmin_choose_page_external_link": NotApplicable("a blank link form"),
    "wagtailadmin_choose_page_email_link": NotApplicable("a blank link form"),
    "wagtailadmin_choose_page_phone_link": NotApplicable("a blank link form"),
    "wagtailadmin_choose_page_anchor_link": NotApplicable("a blank link form"),
    "wagtailforms:index": Listing(),
    "wagtailforms:index_results": Listing(),
    "wagtailforms:list_submissions": Obj(by(page_id="course")),
    "wagtailforms:list_submissions_results": Obj(by(page_id="course")),
    "wagtailforms:delete_submissions": Obj(by(page_id="course"), post=nothing),
}

ADMIN_API = {
    "wagtailadmin_api:pages:listing": Listing(query("?search=valleysecret")),
    "wagtailadmin_api:pages:detail": Obj(by(pk="course"), control="b_instructor"),
    "wagtailadmin_api:pages:find": Obj(lambda w: [at(query=f"?id={w.course.pk}")]),
    "wagtailadmin_api:pages:action": Obj(
        lambda w: [at(pk=w.lesson.pk, action_name="delete")], post=lambda w: Json("{}")
    ),
    "wagtailadmin_api:documents:listing": Listing(query("?search=valleysecret")),
    "wagtailadmin_api:documents:detail": Obj(by(pk="document")),
    "wagtailadmin_api:documents:find": Obj(lambda w: [at(query=f"?id={w.document.pk}")]),
    "wagtailadmin_api:images:listing": Listing(query("?search=valleysecret")),
    "wagtailadmin_api:images:detail": Obj(by(pk="image")),
    "wagtailadmin_api:images:find": Obj(lambda w: [at(query=f"?id={w.image.pk}")]),
}

MEDIA = {
    "wagtailimages:index": Listing(SEARCH, control="b_instructor"),
    "wagtailimages:index_results": Listing(SEARCH),
    "wagtailimages:add": Listing(post=image_upload),
    "wagtailimages:edit": Obj(
        by(image_id="image"),
        post=lambda w: {"title": "Hacked", "collection": w.a.collection_id},
        control="b_instructor",
    ),
    "wagtailimages:delete": Obj(by(image_id="image"), post=nothing),
    "wagtailimages:url_generator": Obj(by(image_id="image")),
    "wagtailimages:url_generator_output": Obj(
        lambda w: [at(image_id=w.image.pk, query="?filter=original")]
    ),
    "wagtailimages:preview": Obj(lambda w: [at(image_id=w.image.pk, filter_spec="original")]),
    "wagtailimages:image_usage": Obj(by(image_id="image")),
    "wagtailimages:add_multiple": Listing(
        post=lambda w: {"files[]": get_test_image_file(), "collection": w.b.collection_id}
    ),
    "wagtailimages:edit_multiple": Obj(
        by(image_id="image"), post=lambda w: {f"image-{w.image.pk}-title": "Hacked"}
    ),
    "wagtailimages:create_multiple_from_uploaded_image": Obj(
        by(uploaded_file_id="uploaded_image"), post=nothing
    ),
    "wagtailimages:delete_multiple": Obj(by(image_id="image"), post=nothing),
    "wagtailimages:delete_upload_multiple": Obj(
        by(uploaded_file_id="uploaded_image"), post=nothing
    ),
    "wagtailimages_chooser:choose": Listing(SEARCH),
    "wagtailimages_chooser:choose_results": Listing(SEARCH),
    "wagtailimages_chooser:chosen": Obj(lambda w: [at(pk=str(w.image.pk))]),
    # Choosers look the ids up among what the user may choose: an empty answer for others'.
    "wagtailimages_chooser:chosen_multiple": Listing(lambda w: [at(query=f"?id={w.image.pk}")]),
    "wagtailimages_chooser:create": Listing(post=image_upload),
    "wagtailimages_chooser:select_format": Obj(
        by(image_id="image"), post=lambda w: {"format": "fullwidth", "image_is_decorative": "1"}
    ),
    "wagtaildocs:index": Listing(SEARCH, control="b_instructor"),
    "wagtaildocs:index_results": Listing(SEARCH),
    "wagtaildocs:add": Listing(post=document_upload),
    "wagtaildocs:edit": Obj(
        by(document_id="document"),
        post=lambda w: {"title": "Hacked", "collection": w.a.collection_id},
        control="b_instructor",
    ),
    "wagtaildocs:delete": Obj(by(document_id="document"), post=nothing),
    "wagtaildocs:add_multiple": Listing(
        post=lambda w: {
            "files[]": SimpleUploadedFile("u.txt", b"u"),
            "collection": w.b.collection_id,
        }
    ),
    "wagtaildocs:edit_multiple": Obj(
        by(doc_id="document"), post=lambda w: {f"doc-{w.document.pk}-title": "Hacked"}
    ),
    "wagtaildocs:create_multiple_from_uploaded_document": Obj(
        by(uploaded_file_id="uploaded_document"), post=nothing
    ),
    "wagtaildocs:delete_multiple": Obj(by(doc_id="document"), post=nothing),
    "wagtaildocs:delete_upload_multiple": Obj(
        by(uploaded_file_id="uploaded_document"), post=nothing
    ),
    "wagtaildocs:document_usage": Obj(by(document_id="document")),
    "wagtaildocs_chooser:choose": Listing(SEARCH),
    "wagtaildocs_chooser:choose_results": Listing(SEARCH),
    "wagtaildocs_chooser:chosen": Obj(lambda w: [at(pk=str(w.document.pk))]),
    "wagtaildocs_chooser:chosen_multiple": Listing(lambda w: [at(query=f"?id={w.document.pk}")]),
    "wagtaildocs_chooser:create": Listing(post=document_upload),
    "wagtailadmin_collections:index": Listing(),
    "wagtailadmin_collections:add": Listing(
        post=lambda w: {"name": "Hack", "parent": w.b.collection_id}
    ),
    "wagtailadmin_collections:edit": Obj(
        lambda w: [at(pk=w.b.collection_id)], post=lambda w: {"name": "Hacked"}
    ),
    "wagtailadmin_collections:delete": Obj(lambda w: [at(pk=w.b.collection_id)], post=nothing),
    "wagtailadmin_collections:set_privacy": Obj(
        lambda w: [at(collection_id=w.b.collection_id)],
        post=lambda w: {"restriction_type": "login"},
    ),
    "wagtailadmin_tag_autocomplete": Listing(query("?term=valleysecret")),
    "wagtailadmin_tag_model_autocomplete": Listing(
        lambda w: [at("wagtailimages", "image", query="?term=valleysecret")]
    ),
}

SCHOOL_ADMIN = {
    **snippets("schools", "school", lambda w: w.b),
    **snippets("schools", "instructor", lambda w: w.staff_instructor),
    **snippets("courses", "topic", lambda w: w.topic),
    **snippets("courses", "accreditingbody", lambda w: w.accrediting_body),
    **snippets("courses", "cetopiccategory", lambda w: w.ce_category),
    **snippets(
        "certificates",
        "certificatetemplate",
        lambda w: w.template,
        copy=False,
        inspect=True,
        chooser=False,
        add_post=lambda w: {"name": "Hack", "school": w.b.pk, "html": "<p>x</p>"},
    ),
    "wagtailsnippets_certificates_certificatetemplate:preview_pdf": Obj(by(pk="template")),
    "wagtailsnippets:index": Listing(),
    **viewset(
        "courses_order",
        lambda w: w.order,
        (*MODEL_ACTIONS, "inspect", "refund"),
        posts={"refund": nothing},
        control="staff",
    ),
    **viewset(
        "quizzes_bank",
        lambda w: w.bank,
        (*MODEL_ACTIONS, "inspect", "import", "export"),
        posts={"import": gift_upload},
        add_post=lambda w: {"school": w.b.pk, "name": "Hack bank"},
        edit_post=lambda w: {"school": w.b.pk, "name": "Hacked"},
        control="b_reviewer",
    ),
    # A large import's page and progress: for those who may import into the bank.
    "quizzes_bank:import_job": Obj(by(pk="import_job"), control="b_instructor"),
    "quizzes_bank:import_progress": Obj(by(pk="import_job"), control="b_instructor"),
    **viewset(
        "quizzes_category",
        lambda w: w.category,
        MODEL_ACTIONS,
        add_post=lambda w: {"bank": w.bank.pk, "name": "Hack category"},
        edit_post=lambda w: {"bank": w.bank.pk, "name": "Hacked"},
    ),
    **viewset(
        "quizzes_question",
        lambda w: w.question,
        (*MODEL_ACTIONS, "inspect", "preview"),
        add_post=lambda w: {"bank": w.bank.pk, "qtype": "essay", "name": "Hack"},
        edit_post=lambda w: {"name": "Hacked"},
        control="b_instructor",
    ),
    "quizzes_question:choose": Listing(),
    # The editor's live preview: POST only, for those who may add questions to the bank.
    "quizzes_question:preview_draft": Obj(
        lambda w: [at(query=f"?bank={w.bank.pk}&qtype=essay")], post=lambda w: {"name": "Hack"}
    ),
    # Tagging a selection with an objective: only questions the user may change are found.
    "quizzes_question:objectives": Obj(
        lambda w: [at(query=f"?id={w.question.pk}")],
        post=lambda w: {"id": w.question.pk, "action": "remove"},
        control="b_instructor",
    ),
    **viewset(
        "certificates_admin",
        lambda w: w.certificate,
        (*MODEL_ACTIONS, "inspect", "revoke", "reinstate", "reissue"),
        posts=dict.fromkeys(("revoke", "reinstate", "reissue"), with_reason),
        control="staff",
    ),
    **viewset(
        "wagtailusers_users",
        lambda w: w.users["b_student"],
        (*MODEL_ACTIONS, "copy"),
        edit_post=lambda w: {"email": "hacked@example.com"},
        control="staff",
    ),
    **viewset(
        "wagtailusers_groups",
        lambda w: w.b.editors_group,
        MODEL_ACTIONS,
        edit_post=lambda w: {"name": "Hacked"},
    ),
    **viewset("wagtailsites", lambda w: w.site, (*MODEL_ACTIONS, "copy")),
    # Every school's tracking-system accounts: staff only (a school admin edits its own on the
    # reporting page, transcripts:reporting_credentials).
    **viewset(
        "records_tracking_account",
        lambda w: w.tracking_account,
        MODEL_ACTIONS,
        add_post=lambda w: {
            "school": w.b.pk,
            "tracking_system": "Hack",
            "transport": "roster_spreadsheet",
        },
        edit_post=lambda w: {"transport": "roster_spreadsheet", "provider_id": "hacked"},
        control="staff",
    ),
}


def b_team(attr):
    """School B's row through B's team pages, and through school A's (the row is not A's)."""
    return lambda w: [
        at(slug=w.b.slug, pk=getattr(w, attr).pk),
        at(slug=w.a.slug, pk=getattr(w, attr).pk),
    ]


TEAM = {
    # A school's team and set-up: its admins (and staff) only.
    "schools_team:schools": Listing(),
    "schools_team:team": Obj(
        lambda w: [at(slug=w.b.slug)],
        post=lambda w: {"email": "hacker@example.com", "role": "admin"},
        control="b_admin",
    ),
    "schools_team:resend": Obj(b_team("invitation"), post=nothing),
    "schools_team:revoke": Obj(b_team("invitation"), post=nothing),
    "schools_team:role": Obj(b_team("membership"), post=lambda w: {"role": "admin"}),
    "schools_team:remove": Obj(b_team("membership"), post=nothing, control="b_admin"),
    "onboarding:checklist": Obj(lambda w: [at(slug=w.b.slug)], control="b_admin"),
    "onboarding:starter_design": Obj(lambda w: [at(slug=w.b.slug)], post=nothing),
    "invitations:accept": Public(
        "the e-mailed link is a bearer secret for the invited address; accepting also needs "
        "a signed-in account for that address (tests/schools/test_team_views.py)"
    ),
}

WORKFLOWS = {
    "wagtailadmin_workflows:index": Listing(),
    "wagtailadmin_workflows:index_results": Listing(),
    "wagtailadmin_workflows:add": Listing(),
    "wagtailadmin_workflows:enable": Obj(by(pk="workflow"), post=nothing),
    "wagtailadmin_workflows:disable": Obj(by(pk="workflow"), post=nothing),
    "wagtailadmin_workflows:edit": Obj(by(pk="workflow"), post=lambda w: {"name": "Hacked"}),
    "wagtailadmin_workflows:usage": Obj(by(pk="workflow")),
    "wagtailadmin_workflows:usage_results": Obj(by(pk="workflow")),
    "wagtailadmin_workflows:remove": Obj(
        lambda w: [
            at(page_pk=w.b.section_id),
            at(page_pk=w.b.section_id, workflow_pk=w.workflow.pk),
        ],
        post=nothing,
    ),
    "wagtailadmin_workflows:add_task": Listing(
        lambda w: [at(app_label="wagtailcore", model_name="groupapprovaltask")]
    ),
    "wagtailadmin_workflows:select_task_type": Listing(),
    "wagtailadmin_workflows:task_index": Listing(),
    "wagtailadmin_workflows:task_index_results": Listing(),
    "wagtailadmin_workflows:edit_task": Obj(by(pk="task"), post=lambda w: {"name": "Hacked"}),
    "wagtailadmin_workflows:disable_task": Obj(by(pk="task"), post=nothing),
    "wagtailadmin_workflows:enable_task": Obj(by(pk="task"), post=nothing),
    "wagtailadmin_workflows:task_chooser": Listing(),
    "wagtailadmin_workflows:task_chooser_results": Listing(),
    "wagtailadmin_workflows:task_chooser_create": Listing(),
    "wagtailadmin_workflows:task_chosen": Obj(by(task_id="task")),
}

ADMIN_OTHER = {
    "wagtailadmin_home": Listing(control="b_reviewer"),
    "admin/test404/": NotApplicable("Wagtail's own 404 test page"),
    "wagtailadmin_error_test": NotApplicable("Wagtail's own 500 test page"),
    "admin/^.*/$": NotApplicable("the admin's catch-all: 404 for any unknown admin path"),
    "wagtailadmin_reports:locked_pages": Listing(),
    "wagtailadmin_reports:locked_pages_results": Listing(),
    "wagtailadmin_reports:workflow": Listing(),
    "wagtailadmin_reports:workflow_results": Listing(),
    "wagtailadmin_reports:workflow_tasks": Listing(),
    "wagtailadmin_reports:workflow_tasks_results": Listing(),
    "wagtailadmin_reports:site_history": Listing(),
    "wagtailadmin_reports:site_history_results": Listing(),
    "wagtailadmin_reports:aging_pages": Listing(),
    "wagtailadmin_reports:aging_pages_results": Listing(),
    "wagtailadmin_reports:page_types_usage": Listing(),
    "wagtailadmin_reports:page_types_usage_results": Listing(),
    "wagtailadmin_account": Listing(),
    "wagtailadmin_logout": NotApplicable(AUTH),
    "wagtailadmin_dismissibles": NotApplicable("the signed-in person's dismissed hints"),
    "wagtailadmin_editing_sessions:ping": Obj(
        lambda w: [at("wagtailcore", "page", str(w.course.pk), w.editing_session.pk)],
        post=nothing,
    ),
    # Deletes the signed-in user's own session with that id, if any; answers {} whatever.
    "wagtailadmin_editing_sessions:release": Listing(
        lambda w: [at(session_id=w.editing_session.pk)], post=nothing
    ),
    "wagtailadmin_block_preview": NotApplicable("previews a block type with sample content"),
    "wagtailredirects:index": Listing(),
    "wagtailredirects:index_results": Listing(),
    "wagtailredirects:add": Listing(),
    "wagtailredirects:edit": Obj(
        by(redirect_id="redirect"), post=lambda w: {"old_path": "/hacked", "site": ""}
    ),
    "wagtailredirects:delete": Obj(by(redirect_id="redirect"), post=nothing),
    "wagtailredirects:start_import": Listing(),
    "wagtailredirects:process_import": Listing(post=nothing),
    "wagtailsettings:edit": Obj(
        lambda w: [at("cms", "sitesettings"), at("cms", "sitesettings", w.site.pk)],
        post=lambda w: {"tagline": "Hacked"},
    ),
    "wagtailsettings:preview_on_edit": Obj(
        lambda w: [at("cms", "sitesettings", w.site.pk)], post=lambda w: {"tagline": "Hacked"}
    ),
    "wagtailembeds:chooser": NotApplicable("embeds a URL from outside; stores nothing"),
    "wagtailembeds:chooser_upload": NotApplicable("embeds a URL from outside; stores nothing"),
    "wagtailadmin_sprite": NotApplicable("the admin's icons"),
    "wagtailadmin_login": NotApplicable(AUTH),
    "wagtailadmin_password_reset": NotApplicable(AUTH),
    "wagtailadmin_password_reset_done": NotApplicable(AUTH),
    "wagtailadmin_password_reset_confirm": NotApplicable(AUTH),
    "wagtailadmin_password_reset_complete": NotApplicable(AUTH),
    "wagtailadmin_javascript_catalog": NotApplicable("the admin's translations"),
}

# The course builder and course reviews (authoring/): the course school's teachers build and
# submit; its reviewers (and admins) decide.
AUTHORING = {
    "authoring:outline": Obj(by(course_id="course"), control="b_instructor"),
    "authoring:add": Obj(
        by(course_id="course"),
        post=lambda w: {"parent": w.course.pk, "kind": "module", "title": "Hack"},
    ),
    "authoring:rename": Obj(
        lambda w: [at(course_id=w.course.pk, page_id=w.lesson.pk)],
        post=lambda w: {"title": "Hacked"},
    ),
    "authoring:move": Obj(
        lambda w: [at(course_id=w.course.pk, page_id=w.lesson.pk)],
        post=lambda w: {"direction": "down"},
    ),
    "authoring:submit": Obj(by(course_id="course"), post=nothing),
    "authoring:withdraw": Obj(by(course_id="course"), post=nothing),
    "authoring:reviews": Listing(control="b_reviewer"),
    "authoring:review": Obj(
        by(review_id="course_review"),
        post=lambda w: {"decision": "approve"},
        control="b_reviewer",
    ),
}

MATRIX = {
    **FRONT_END,
    **DASHBOARD,
    **PAGES,
    **ADMIN_API,
    **MEDIA,
    **SCHOOL_ADMIN,
    **TEAM,
    **WORKFLOWS,
    **ADMIN_OTHER,
    **AUTHORING,
}

SCHOOL_A = ("a_admin", "a_instructor", "a_reviewer")


def leak(keys, reason, roles=SCHOOL_A):
    return {(key, role): reason for key in keys for role in roles}


# (key, role) -> what leaks and where: cases that fail today. Each runs as a strict xfail, so
# fixing the leak makes its cases fail until they are removed from here.
KNOWN_LEAKS: dict[tuple[str, str], str] = {}


def cases(kind, roles):
    params = []
    for key, entry in MATRIX.items():
        if not isinstance(entry, kind):
            continue
        for role in roles:
            reason = KNOWN_LEAKS.get((key, role))
            marks = [pytest.mark.xfail(strict=True, reason=f"LEAK: {reason}")] if reason else []
            params.append(pytest.param(key, role, id=f"{key}|{role}", marks=marks))
    return params


# --- The tests ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """School A, school B with one of everything, and their people: built once, rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        world.baseline = state(world)
        yield world  # each test runs in a savepoint inside this transaction
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches site root paths, and those rows are gone now


def signed_in(client, world, role):
    client.force_login(world.users[role])
    return client


def checked_post(client, url, body, world):
    """POST, then fail if any of school B's data changed."""
    writes = db_writes()
    response = post(client, url, body)
    if writes is None or db_writes() != writes:
        assert not changed(world.baseline, state(world)), f"POST {url} changed B's data"
    return response


def test_every_url_is_in_the_matrix():
    patterns = list(all_patterns())
    missing = sorted(
        {key for key, route in patterns if key not in MATRIX and not route.startswith(DJANGO_ADMIN)}
    )
    assert not missing, (
        "URL patterns missing from the permission matrix (tests/test_permission_matrix.py): "
        "classify each as Obj, Listing, Public or NotApplicable.\n" + "\n".join(missing)
    )
    stale = sorted(set(MATRIX) - {key for key, _ in patterns})
    assert not stale, "Matrix entries that match no URL pattern any more:\n" + "\n".join(stale)


@pytest.mark.parametrize(("key", "role"), cases(Obj, ATTACKERS))
def test_school_b_object_urls_refuse_others(world, db, client, key, role):
    entry = MATRIX[key]
    client = signed_in(client, world, role)
    for url in targets(key, entry, world):
        response = client.get(url)
        assert refused(response, entry, world), f"GET {url}: {response.status_code}"
        assert not secrets_in(response, world), f"GET {url} shows school B's data"
        if entry.post is None:
            continue
        response = checked_post(client, url, entry.post(world), world)
        assert refused(response, entry, world), f"POST {url}: {response.status_code}"
        assert not secrets_in(response, world), f"POST {url} shows school B's data"


@pytest.mark.parametrize(("key", "role"), cases(Listing, ATTACKERS))
def test_lists_and_own_pages_show_nothing_of_school_b(world, db, client, key, role):
    entry = MATRIX[key]
    client = signed_in(client, world, role)
    for url in targets(key, entry, world):
        response = client.get(url)
        assert response.status_code < 500, f"GET {url}: {response.status_code}"
        assert not secrets_in(response, world), f"GET {url} shows school B's data"
        if entry.post is None:
            continue
        response = checked_post(client, url, entry.post(world), world)
        assert response.status_code < 500, f"POST {url}: {response.status_code}"
        assert not secrets_in(response, world), f"POST {url} shows school B's data"


# --- Controls: the URLs reach real views, and the checks would see a leak -------------------


@pytest.mark.parametrize("key", [key for key, entry in MATRIX.items() if entry.control])
def test_control_user_is_let_in(world, db, client, key):
    """School B's own people (or staff) get 200 where A's are refused, and see B's data in
    the lists that hide it from A: so the refusals above are not typos in the table. (Only
    an entry's first URL: the others ask for B's objects through school A's pages.)"""
    entry = MATRIX[key]
    client = signed_in(client, world, entry.control)
    url = targets(key, entry, world)[0]
    response = client.get(url)
    assert response.status_code == 200, f"GET {url}: {response.status_code}"
    if isinstance(entry, Listing):
        assert secrets_in(response, world), f"GET {url} shows B's data to no one"


@pytest.mark.parametrize("role", [*ATTACKERS, "b_admin", "b_student"])
def test_django_admin_sends_everyone_but_staff_to_login(world, db, client, role):
    client = signed_in(client, world, role)
    urls = django_admin_urls(world)
    assert len(urls) > 40
    for url in urls:
        if url in ("/django-admin/login/", "/django-admin/logout/"):
            continue
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/django-admin/login/"), url


def test_django_admin_lets_staff_in(world, db, client):
    client = signed_in(client, world, "staff")
    student = world.users["b_student"]
    assert client.get("/django-admin/").status_code == 200
    assert client.get(f"/django-admin/accounts/user/{student.pk}/change/").status_code == 200


def test_the_checks_would_see_a_leak(world, db, client):
    """The secrets search finds B's lesson in its page, and the snapshot sees a change."""
    client = signed_in(client, world, "b_student")
    response = client.get(world.lesson.url)
    assert response.status_code == 200
    assert "valleysecret lesson body" in content(response)
    assert secrets_in(response, world)
    course = world.course
    course.title = "Changed"
    course.save(update_fields=["title"])
    assert changed(world.baseline, state(world)) == ["pages", "course"]


# --- School A's own forms, filled in with school B's objects --------------------------------
# A page of school A's may not be given to school B, nor use B's images or questions: each
# would make B's data (its name and signatures on certificates, its question bank) A's to use.

COURSE_FIELDS = {
    "summary": "Ours",
    "objectives-TOTAL_FORMS": "1",
    "objectives-0-text": "Locate the muscle",
    "objectives-0-ORDER": "1",
    "objectives-0-id": "",
    "objectives-0-DELETE": "",
}


def page_form(client, url, **fields):
    """The page form at `url` as the admin renders it, with `fields` changed."""
    response = client.get(url)
    if response.status_code != 200:
        return None
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update({"action-publish": "action-publish", **fields})
    return data


def _course_for_school_b(w, client):
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", w.a.section_id])
    data = page_form(client, url, title="Ours", slug="ours", school=w.b.pk, **COURSE_FIELDS)
    if data is not None:
        client.post(url, data)
    pages = CoursePage.objects.descendant_of(w.a.section).filter(school=w.b)
    return list(pages.values_list("title", flat=True))


def _course_moved_to_school_b(w, client):
    url = reverse("wagtailadmin_pages:edit", args=[w.a_course.pk])
    data = page_form(client, url, school=w.b.pk, **COURSE_FIELDS)
    if data is not None:
        client.post(url, data)
    course = CoursePage.objects.get(pk=w.a_course.pk)
    return [
        f"{version}: school {page.school_id}"
        for version, page in (("live", course), ("draft", course.get_latest_revision_as_object()))
        if page.school_id == w.b.pk
    ]


def _course_with_school_b_image(w, client):
    url = reverse("wagtailadmin_pages:edit", args=[w.a_course.pk])
    data = page_form(client, url, cover_image=w.image.pk, **COURSE_FIELDS)
    if data is not None:
        client.post(url, data)
    course = CoursePage.objects.get(pk=w.a_course.pk)
    return [
        f"{version}: cover image {page.cover_image_id}"
        for version, page in (("live", course), ("draft", course.get_latest_revision_as_object()))
        if page.cover_image_id == w.image.pk
    ]


def _quiz_with_school_b_question(w, client):
    url = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", w.a_course.pk])
    slot = {"slots-TOTAL_FORMS": "1", "slots-0-question": w.question.pk}
    data = page_form(client, url, title="Our quiz", slug="our-quiz", **slot)
    if data is not None:
        client.post(url, data)
    return list(QuizSlot.objects.filter(question=w.question).exclude(quiz=w.quiz).values("pk"))


CROSS_SCHOOL_FORMS = {
    "course added for school B": _course_for_school_b,
    "own course given to school B": _course_moved_to_school_b,
    "own course with B's image": _course_with_school_b_image,
    "quiz with B's question": _quiz_with_school_b_question,
}
CROSS_SCHOOL_LEAKS: dict[tuple[str, str], str] = {}


@pytest.mark.parametrize(
    ("form", "role"),
    [
        pytest.param(
            form,
            role,
            id=f"{form}|{role}",
            marks=[pytest.mark.xfail(strict=True, reason=f"LEAK: {CROSS_SCHOOL_LEAKS[form, role]}")]
            if (form, role) in CROSS_SCHOOL_LEAKS
            else [],
        )
        for form in CROSS_SCHOOL_FORMS
        for role in SCHOOL_A
    ],
)
def test_school_a_forms_cannot_take_school_b_objects(world, db, client, form, role):
    taken = CROSS_SCHOOL_FORMS[form](world, signed_in(client, world, role))
    assert not taken
    assert not changed(world.baseline, state(world))


def test_school_a_forms_are_valid_with_their_own_objects(world, db, client):
    """The forms above are filled in well enough to save: with school A's own school, image
    and question, school A's admin adds a course and a quiz."""
    client = signed_in(client, world, "a_admin")
    url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", world.a.section_id])
    data = page_form(client, url, title="Ours", slug="ours", school=world.a.pk, **COURSE_FIELDS)
    assert client.post(url, data).status_code == 302
    assert CoursePage.objects.get(slug="ours").school_id == world.a.pk

    url = reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", world.a_course.pk])
    slot = {"slots-TOTAL_FORMS": "1", "slots-0-question": world.a_question.pk}
    data = page_form(client, url, title="Our quiz", slug="our-quiz", **slot)
    assert client.post(url, data).status_code == 302
    assert QuizSlot.objects.filter(question=world.a_question).exists()
