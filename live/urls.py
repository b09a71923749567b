from django.urls import path

from live import views as live_views

app_name = "live"
urlpatterns = [
    path("courses/<int:course_id>/sessions/", live_views.sessions, name="sessions"),
    path("courses/<int:course_id>/sessions/new/", live_views.session_new, name="session_new"),
    path(
        "courses/<int:course_id>/attendance.csv",
        live_views.attendance_csv,
        name="attendance_csv",
    ),
    path(
        "courses/<int:course_id>/learners/<int:enrollment_id>/skills/",
        live_views.skills,
        name="skills",
    ),
    path("sessions/<int:session_id>/", live_views.session_detail, name="session"),
    path("sessions/<int:session_id>/edit/", live_views.session_edit, name="session_edit"),
    path(
        "sessions/<int:session_id>/qr/<str:action>/",
        live_views.session_qr,
        name="session_qr",
    ),
    path("check/<str:token>/", live_views.check, name="check"),
]
