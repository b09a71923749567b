from django.urls import path

from commerce import seat_views

app_name = "seats"
urlpatterns = [
    path("redeem/", seat_views.redeem, name="redeem"),
    path("buy/<slug:course_slug>/", seat_views.buy, name="buy"),
    path("pools/", seat_views.pool_list, name="pools"),
    path("pools/new/", seat_views.pool_new, name="pool_new"),
    path("pools/<int:pool_id>/", seat_views.pool_detail, name="pool"),
    path("pools/<int:pool_id>/used.csv", seat_views.pool_export, name="pool_export"),
    path(
        "pools/<int:pool_id>/codes/<int:code_id>/revoke/",
        seat_views.code_revoke,
        name="code_revoke",
    ),
]
