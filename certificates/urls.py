from django.urls import path

from certificates import views

app_name = "certificates"
urlpatterns = [
    path("course/<int:course_id>/", views.course_certificate, name="course"),
    path("course/<int:course_id>/evaluation/", views.submit_evaluation, name="evaluation"),
    path("course/<int:course_id>/confirm/", views.confirm_details, name="confirm"),
    path("verify/", views.verify_lookup, name="verify_lookup"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("<str:key>/download/", views.download, name="download"),
]
