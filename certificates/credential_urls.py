from django.urls import path

from certificates import credential_views

app_name = "credentials"
urlpatterns = [
    path("issuer.json", credential_views.issuer, name="issuer"),
    path("keys/<slug:key_id>.json", credential_views.key, name="key"),
    path("status/revocation.jwt", credential_views.status_list, name="status_list"),
    path("<slug:verify_code>.json", credential_views.download, name="download"),
]
