"""CE records are kept: the admin refuses, with a reason, a delete the retention lock would stop."""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from records import retention

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
