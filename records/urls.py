from django.urls import path

from records import copy_views as record_views
from records import reporting_views, school_views
from records import views as transcript_views

app_name = "transcripts"

school = "schools/<slug:school_slug>/"

urlpatterns = [
    path("", transcript_views.transcript, name="transcript"),
    path("transcript.csv", transcript_views.transcript_csv, name="transcript_csv"),
    path("transcript.pdf", transcript_views.transcript_pdf, name="transcript_pdf"),
    path("links/", transcript_views.shares, name="shares"),
    path("links/<int:pk>/revoke/", transcript_views.share_revoke, name="share_revoke"),
    path("shared/<str:token>/", transcript_views.shared, name="shared"),
    path("shared/<str:token>/transcript.csv", transcript_views.shared_csv, name="shared_csv"),
    path("shared/<str:token>/transcript.pdf", transcript_views.shared_pdf, name="shared_pdf"),
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
        f"{school}courses/<int:course_id>/evaluations/",
        school_views.evaluation_summary,
        name="evaluations",
    ),
    path(
        f"{school}courses/<int:course_id>/evaluations.csv",
        school_views.evaluation_csv,
        name="evaluations_csv",
    ),
]
