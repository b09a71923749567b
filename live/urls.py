from django.urls import path

from live.views import attendance_export, checkin, skills
from live.views import sessions as session_views

app_name = "live"
urlpatterns = [
    path("courses/<int:course_id>/sessions/", session_views.sessions, name="sessions"),
    path("courses/<int:course_id>/sessions/new/", session_views.session_new, name="session_new"),
    path(
        "courses/<int:course_id>/attendance.csv",
        attendance_export.attendance_csv,
        name="attendance_csv",
    ),
    path(
        "courses/<int:course_id>/learners/<int:enrollment_id>/skills/",
        skills.skills,
        name="skills",
    ),
    path("sessions/<int:session_id>/", session_views.session_detail, name="session"),
    path("sessions/<int:session_id>/edit/", session_views.session_edit, name="session_edit"),
    path(
        "sessions/<int:session_id>/qr/<str:action>/",
        session_views.session_qr,
        name="session_qr",
    ),
    path("check/<str:token>/", checkin.check, name="check"),
]
