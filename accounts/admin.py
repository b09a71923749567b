from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import User
from accounts.views import django_admin_login, django_admin_password_change

# Staff edit users' CE profiles here; they sign in, and change their password, through the
# site's one account pages like everyone.
admin.site.login = django_admin_login
admin.site.password_change = django_admin_password_change


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "legal_name", "licence_number", "is_staff", "is_active"]
    search_fields = ["email", "legal_name", "licence_number"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("CE profile", {"fields": ["display_name", "legal_name", "licence_number",
                                   "licensing_board", "country"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups",
                                    "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]  # fmt: skip
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
