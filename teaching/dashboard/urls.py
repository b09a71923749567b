from django.urls import path

from teaching.dashboard import views

app_name = "dashboard"

course = "schools/<slug:school_slug>/courses/<int:course_id>/"

urlpatterns = [
    path("courses/<int:course_id>/", views.course_for_page, name="course_for_page"),
    path(course, views.course_dashboard, name="course"),
    path(f"{course}enrolments.csv", views.enrolments_csv, name="enrolments_csv"),
    path(f"{course}funnel.csv", views.funnel_csv, name="funnel_csv"),
    path(f"{course}quizzes.csv", views.quizzes_csv, name="quizzes_csv"),
    path(f"{course}revenue.csv", views.revenue_csv, name="revenue_csv"),
    path(f"{course}students/", views.student_list, name="students"),
    path(f"{course}students.csv", views.students_csv, name="students_csv"),
    path(f"{course}students/<int:enrollment_id>/", views.student_detail, name="student"),
]
