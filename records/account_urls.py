from django.urls import path

from records import account_views

app_name = "account_deletion"
urlpatterns = [
    path("", account_views.delete_account, name="delete"),
    path("done/", account_views.deleted, name="done"),
]
