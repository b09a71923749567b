from django.urls import path

from quizzes import views
from quizzes.attempt_page import view as attempt_page_view

app_name = "quizzes"
urlpatterns = [
    path("<int:quiz_id>/start/", views.start, name="start"),
    path("attempts/<int:attempt_id>/", attempt_page_view.attempt_or_page, name="attempt"),
    path("attempts/<int:attempt_id>/autosave/", views.autosave, name="autosave"),
    path("attempts/<int:attempt_id>/submit/", views.submit, name="submit"),
    path("attempts/<int:attempt_id>/review/", views.review_view, name="review"),
]

# Instructor tools.
from quizzes import instructor_views  # noqa: E402

urlpatterns += [
    path("<int:quiz_id>/report/", instructor_views.item_analysis_report, name="item_analysis"),
    path("<int:quiz_id>/attempts/", instructor_views.attempt_list, name="attempt_list"),
    path("course/<int:course_id>/gradebook/", instructor_views.gradebook, name="gradebook"),
    path("attempts/<int:attempt_id>/grade/", instructor_views.attempt_grade, name="attempt_grade"),
]

from quizzes import accommodation_views  # noqa: E402

urlpatterns += [
    path(
        "course/<int:course_id>/accommodations/",
        accommodation_views.accommodations,
        name="accommodations",
    ),
]
