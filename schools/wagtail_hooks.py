from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from schools import rules
from schools.admin_guard import chooser_visible


@hooks.register("construct_page_chooser_queryset")
def chooser_hides_other_schools_drafts(pages, request):
    """School members choose among the pages they work on (and the way to them) and published
    pages without pending drafts: another school's draft titles never show."""
    if rules.is_platform_staff(request.user):
        return pages
    # By id, so the chooser's search (which filters on indexed fields only) can apply it too.
    visible = Page.objects.filter(chooser_visible(request.user)).values("id")
    return pages.filter(id__in=visible)


# --- The Team screen: a school's admins (and staff) manage its people ----------------------


@hooks.register("register_admin_urls")
def register_team_urls():
    from django.urls import include, path

    from schools.views import team

    school = "<slug:slug>/team/"
    urls = [
        path("", team.TeamSchoolsView.as_view(), name="schools"),
        path(school, team.TeamView.as_view(), name="team"),
        path(f"{school}invitations/<int:pk>/resend/", team.invitation_resend, name="resend"),
        path(f"{school}invitations/<int:pk>/revoke/", team.invitation_revoke, name="revoke"),
        path(f"{school}members/<int:pk>/role/", team.member_role, name="role"),
        path(f"{school}members/<int:pk>/remove/", team.MemberRemoveView.as_view(), name="remove"),
    ]
    return [path("schools/", include((urls, "schools_team")))]


class TeamMenuItem(MenuItem):
    def is_shown(self, request):
        return rules.team_school_ids(request.user) != frozenset()


@hooks.register("register_admin_menu_item")
def register_team_menu_item():
    return TeamMenuItem("Team", reverse("schools_team:schools"), icon_name="group", order=190)
