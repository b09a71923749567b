from django.urls import path

from commerce import enrol_views

app_name = "commerce"
urlpatterns = [path("courses/<slug:slug>/enrol/", enrol_views.enrol, name="enrol")]
