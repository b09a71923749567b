from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import User
from accounts.views import django_admin_login

# Staff edit users' CE profiles here; they sign in through the site's one login like everyone.
admin.site.login = django_admin_login


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
