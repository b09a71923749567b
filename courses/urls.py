from django.urls import path

from courses import reading_time_views as seat_time_views
from courses import views

app_name = "courses"
urlpatterns = [
    path("my-courses/", views.my_courses, name="my_courses"),
    path("search/", views.search, name="search"),
    path("my-courses/boards/", views.default_boards, name="default_boards"),
    path("my-courses/<int:enrollment_id>/boards/", views.credit_boards, name="credit_boards"),
    path(
        "lessons/<int:lesson_id>/seat-time/",
        seat_time_views.heartbeat,
        name="seat_time_heartbeat",
    ),
]
