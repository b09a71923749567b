from django.urls import path, re_path
from django.views.generic import RedirectView

from records import copy_views as record_views
from records import reporting_views, school_views, tracking_views
from records import views as transcript_views
from records.external_credit import review_views as credit_review_views
from records.external_credit import views as credit_views

app_name = "transcripts"

# The learner's transcript and its share links stay under /transcript/ (links already handed to
# boards and employers); a school's records live under /schools/<school>/, where they used to be
# /transcript/schools/<school>/ (old bookmarks are redirected, query string kept).

school = "schools/<slug:school_slug>/"
transcript = "transcript/"

urlpatterns = [
    path(transcript, transcript_views.transcript, name="transcript"),
    path(f"{transcript}transcript.csv", transcript_views.transcript_csv, name="transcript_csv"),
    path(f"{transcript}transcript.pdf", transcript_views.transcript_pdf, name="transcript_pdf"),
    path(f"{transcript}links/", transcript_views.shares, name="shares"),
    path(f"{transcript}links/<int:pk>/revoke/", transcript_views.share_revoke, name="share_revoke"),
    path(f"{transcript}elsewhere/", credit_views.credit_list, name="external_credits"),
    path(f"{transcript}elsewhere/add/", credit_views.credit_add, name="external_credit_add"),
    path(
        f"{transcript}elsewhere/<int:pk>/edit/",
        credit_views.credit_edit,
        name="external_credit_edit",
    ),
    path(
        f"{transcript}elsewhere/<int:pk>/delete/",
        credit_views.credit_delete,
        name="external_credit_delete",
    ),
    path(
        f"{transcript}elsewhere/<int:pk>/certificate/",
        credit_views.credit_file,
        name="external_credit_file",
    ),
    path("credit-reviews/", credit_review_views.review_queue, name="external_credit_reviews"),
    path("credit-reviews/<int:pk>/", credit_review_views.review, name="external_credit_review"),
    path(f"{transcript}shared/<str:token>/", transcript_views.shared, name="shared"),
    path(
        f"{transcript}shared/<str:token>/transcript.csv",
        transcript_views.shared_csv,
        name="shared_csv",
    ),
    path(
        f"{transcript}shared/<str:token>/transcript.pdf",
        transcript_views.shared_pdf,
        name="shared_pdf",
    ),
    path(school, school_views.school_overview, name="school"),
    path(f"{school}certificates/", school_views.register, name="register"),
    path(f"{school}certificates.csv", school_views.register_csv, name="register_csv"),
    path(f"{school}completions/", school_views.completions, name="completions"),
    path(f"{school}completions.csv", school_views.completions_csv, name="completions_csv"),
    path(
        f"{school}certificates/<int:certificate_id>/copy.pdf",
        record_views.certificate_copy,
        name="record_certificate",
    ),
    path(
        f"{school}learners/<int:student_id>/transcript.pdf",
        record_views.learner_transcript,
        name="record_transcript",
    ),
    path(f"{school}reporting/", reporting_views.reporting_page, name="reporting"),
    path(
        f"{school}reporting/<int:body_id>/roster.csv",
        reporting_views.roster_csv,
        name="reporting_roster",
    ),
    path(
        f"{school}reporting/<int:body_id>/mark/",
        reporting_views.mark_reported,
        name="reporting_mark",
    ),
    path(
        f"{school}reporting/<int:body_id>/account/",
        tracking_views.credentials,
        name="reporting_credentials",
    ),
    path(
        f"{school}reporting/<int:body_id>/report-now/",
        tracking_views.report_now,
        name="reporting_now",
    ),
    path(
        f"{school}reporting/files/<int:batch_id>/",
        tracking_views.roster_file,
        name="reporting_file",
    ),
    path(
        f"{school}courses/<int:course_id>/evaluations/",
        school_views.evaluation_summary,
        name="evaluations",
    ),
    path(
        f"{school}courses/<int:course_id>/evaluations.csv",
        school_views.evaluation_csv,
        name="evaluations_csv",
    ),
    re_path(
        r"^transcript/schools/(?P<rest>.*)$",
        RedirectView.as_view(url="/schools/%(rest)s", permanent=True, query_string=True),
        name="school_records_moved",
    ),
]
