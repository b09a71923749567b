from django.urls import path

from courses import views

app_name = "courses"
urlpatterns = [
    path("courses/<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("my-courses/", views.my_courses, name="my_courses"),
    path("search/", views.search, name="search"),
]
