"""The delivery log for platform staff (Django admin): what was sent, skipped or failed, and
why. Rows are written by the services and the worker alone; deleting stays possible, so the
admin can weigh a user's deletion (the log goes with the user)."""

from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "status", "recipient", "school", "sent_at", "attempts"]
    list_filter = ["status", "kind"]
    list_select_related = ["recipient", "school"]
    search_fields = ["key", "recipient__email", "subject"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
