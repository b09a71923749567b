from django.urls import path

from schools.views import invitations

app_name = "invitations"

urlpatterns = [
    path("<str:token>/", invitations.invitation, name="accept"),
]
