"""Every school's tracking-system accounts (CE Broker...) in the Wagtail admin, for staff.

The listing shows each account's transport, whether nightly reporting is on, its last
successful batch and the error of a batch waiting to retry; the password or key is never
shown, only whether one is stored. Adding and editing go through
records.services.tracking_credential_save, as the school's own form does, so the secret is
encrypted on the way in and a blank one keeps what is stored. Nobody deletes an account here:
switching nightly reporting off keeps its batches' history readable.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from records.models import TrackingCredential
from records.report_status import tracking_accounts_for_admin
from records.services import tracking_credential_save
from schools import rules

ACTIONS = {"add", "change", "view"}
STORED_HELP = "A password or key is stored: leave blank to keep it, or type a new one."
NONE_STORED_HELP = "None is stored yet. Required for the web service."


class TrackingAccountPolicy(BasePermissionPolicy):
    """Staff add, change and view every school's accounts; nobody deletes one here."""

    def user_has_permission(self, user, action):
        return action in ACTIONS and rules.may_manage_every_tracking_account(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if set(actions) & ACTIONS and rules.may_manage_every_tracking_account(user):
            return TrackingCredential.objects.all()
        return TrackingCredential.objects.none()

    def users_with_any_permission(self, actions):
        if not set(actions) & ACTIONS:
            return get_user_model().objects.none()
        return rules.platform_staff_users()


tracking_account_policy = TrackingAccountPolicy(TrackingCredential)


class TrackingAccountForm(forms.ModelForm):
    secret = forms.CharField(
        label="Password or key",
        required=False,
        max_length=500,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = TrackingCredential
        fields = [
            "school",
            "tracking_system",
            "transport",
            "provider_id",
            "username",
            "secret",
            "endpoint_url",
            "enabled",
        ]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        stored = bool(self.instance.pk and self.instance.secret_encrypted)
        self.fields["secret"].help_text = STORED_HELP if stored else NONE_STORED_HELP


class TrackingAccountEditForm(TrackingAccountForm):
    """The school and the tracking system name an account: they are fixed once it exists."""

    class Meta(TrackingAccountForm.Meta):
        fields = [
            f for f in TrackingAccountForm.Meta.fields if f not in {"school", "tracking_system"}
        ]


class SavedByServiceMixin:
    """Save through the service; its ValidationError becomes the form's error, not a 500."""

    def save_instance(self):
        data = self.form.cleaned_data
        instance = self.form.instance
        return tracking_credential_save(
            school=data.get("school") or instance.school,
            tracking_system=data.get("tracking_system") or instance.tracking_system,
            transport=data["transport"],
            provider_id=data["provider_id"],
            username=data["username"],
            secret=data["secret"],
            endpoint_url=data["endpoint_url"],
            enabled=data["enabled"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class TrackingAccountCreateView(SavedByServiceMixin, CreateView):
    pass


class TrackingAccountEditView(SavedByServiceMixin, EditView):
    pass


class TrackingAccountIndexView(IndexView):
    def get_base_queryset(self):
        return tracking_accounts_for_admin()


def secret_state(account) -> str:
    return "Set" if account.secret_set else "Not set"


class TrackingAccountViewSet(ModelViewSet):
    model = TrackingCredential
    icon = "key"
    menu_label = "Tracking accounts"
    menu_order = 230
    add_to_admin_menu = True
    permission_policy = tracking_account_policy
    index_view_class = TrackingAccountIndexView
    add_view_class = TrackingAccountCreateView
    edit_view_class = TrackingAccountEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["school__name", "tracking_system", "provider_id", "username"]
    list_filter = ["tracking_system", "transport", "enabled"]
    list_display = [
        TitleColumn(
            "school",
            label="School",
            accessor="school.name",
            url_name="records_tracking_account:edit",
        ),
        Column("tracking_system", label="Tracking system"),
        Column("provider_id", label="Provider number"),
        Column("transport", label="Transport", accessor="get_transport_display"),
        BooleanColumn("enabled", label="Nightly"),
        DateColumn("last_success", label="Last success"),
        Column("last_error", label="Last error"),
        Column("secret", label="Password or key", accessor=secret_state),
    ]

    def get_form_class(self, for_update=False):
        return TrackingAccountEditForm if for_update else TrackingAccountForm
