from wagtail import hooks
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
