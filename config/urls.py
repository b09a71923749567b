from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from accounts import urls as accounts_urls
from accounts import views as accounts_views
from cms import privacy_passwords
from cms.views import healthz
from commerce import payment_urls
from courses import urls as courses_urls
from courses.enrolled_lesson.view import lesson_or_page

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # One login for the whole site (allauth's): these stand in for Wagtail's own login views.
    path("admin/login/", accounts_views.wagtail_admin_login, name="admin_login_to_site_login"),
    path("_util/login/", accounts_views.site_login, name="frontend_login_to_site_login"),
    path("django-admin/", admin.site.urls),
    # Wagtail's password forms for private pages and documents, with a limit on wrong guesses.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        privacy_passwords.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        privacy_passwords.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include(accounts_urls)),
    path("accounts/delete/", include("records.account_urls")),
    path("accounts/", include("allauth.urls")),
    path("payments/", include(payment_urls)),
    path("seats/", include("commerce.seat_urls")),
    path("live/", include("live.urls")),
    path("", include(courses_urls)),
    path("", include("commerce.enrol_urls")),
    path("quizzes/", include("quizzes.urls")),
    path("certificates/", include("certificates.urls")),
    path("credentials/", include("certificates.credential_urls")),
    path("", include("records.urls")),
    path("", include("notifications.urls")),
    path("dashboard/", include("teaching.dashboard.urls")),
    path("invitations/", include("schools.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # An enrolled learner's lesson, answered without Wagtail's serve chain; every other page
    # (and any unusual lesson request) goes on to Wagtail's serve view (courses/enrolled_lesson/).
    re_path(serve_pattern, lesson_or_page, name="enrolled_lesson_or_page"),
    path("", include(wagtail_urls)),
]

handler404 = "cms.errors.page_not_found"
handler500 = "cms.errors.server_error"
