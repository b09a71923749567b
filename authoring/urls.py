from django.urls import path

from authoring import views

app_name = "authoring"
urlpatterns = [
    path("courses/<int:course_id>/outline/", views.OutlineView.as_view(), name="outline"),
    path("courses/<int:course_id>/outline/add/", views.OutlineAddView.as_view(), name="add"),
    path(
        "courses/<int:course_id>/outline/<int:page_id>/rename/",
        views.OutlineRenameView.as_view(),
        name="rename",
    ),
    path(
        "courses/<int:course_id>/outline/<int:page_id>/move/",
        views.OutlineMoveView.as_view(),
        name="move",
    ),
    path("courses/<int:course_id>/submit/", views.SubmitView.as_view(), name="submit"),
    path("courses/<int:course_id>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("course-reviews/", views.ReviewListView.as_view(), name="reviews"),
    path("course-reviews/<int:review_id>/", views.ReviewView.as_view(), name="review"),
]
