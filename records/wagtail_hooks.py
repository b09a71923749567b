"""CE records in the Wagtail admin: every school's tracking-system accounts (staff), and a
delete the retention lock would stop refused with a reason."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from records import retention
from records.admin.tracking_accounts import TrackingAccountViewSet, tracking_account_policy
from records.models import TrackingCredential

register_permission_policy(TrackingCredential, tracking_account_policy)


@hooks.register("register_admin_viewset")
def register_tracking_account_viewset():
    return TrackingAccountViewSet("records_tracking_account", url_prefix="tracking-accounts")


RETAINED_PAGE = (
    "“{title}” cannot be deleted: it holds CE records that are kept for {years} years ({found})."
    " Unpublish it instead."
)
RETAINED_USER = (
    "{user} cannot be deleted: the account holds CE records that are kept for {years} years "
    "({found}). The learner can delete their account from their profile, which erases their "
    "personal details and keeps the records."
)


@hooks.register("before_delete_page")
def refuse_deleting_pages_with_ce_records(request, page):
    found = retention.page_retained_records(page)
    if found:
        years = retention.retention_years()
        message = RETAINED_PAGE.format(title=page.title, years=years, found=", ".join(found))
        messages.error(request, message)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_delete_user")
def refuse_deleting_users_with_ce_records(request, user):
    found = retention.user_retained_records(user)
    if found:
        years = retention.retention_years()
        message = RETAINED_USER.format(user=user, years=years, found=", ".join(found))
        messages.error(request, message)
        return redirect("wagtailusers_users:index")
    return None
