from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses import selectors
from courses.models import AccreditingBody, CETopicCategory, Topic
from schools.models import Instructor, School
from schools.permissions import school_policy

# --- Choosers and listings limited to the editor's schools (staff see all) ------------------
# A school's instructors are its staff list: another school's editors must not find them in a
# chooser, its search, or the "chosen" answer that names one by id.


def _scoped_chooser_viewset(scope):
    """A snippet chooser whose every view lists only `scope(user)` (a QuerySet)."""

    def by_id(user):
        # By id, so the chooser's search (which filters on indexed fields only) applies it too.
        visible = scope(user)
        return visible.model.objects.filter(pk__in=visible.values("pk"))

    class Choose(snippet_chooser.ChooseView):
        def get_object_list(self):
            return by_id(self.request.user)

    class ChooseResults(snippet_chooser.ChooseResultsView):
        def get_object_list(self):
            return by_id(self.request.user)

    class Chosen(snippet_chooser.SnippetChosenView):
        def get_object(self, pk):
            return scope(self.request.user).get(pk=pk)

    class ChosenMultiple(snippet_chooser.SnippetChosenMultipleView):
        def get_objects(self, pks):
            return scope(self.request.user).filter(pk__in=pks)

    class ScopedChooserViewSet(snippet_chooser.SnippetChooserViewSet):
        choose_view_class = Choose
        choose_results_view_class = ChooseResults
        chosen_view_class = Chosen
        chosen_multiple_view_class = ChosenMultiple

    return ScopedChooserViewSet


# A school's admins edit their own school's settings here; staff add schools (teaching's
# onboarding hook then sets the new school up and opens its checklist).
register_permission_policy(School, school_policy)


def _settings_scope(view):
    return school_policy.instances_user_has_any_permission_for(view.request.user, ["change"])


class SchoolEditView(snippet_views.EditView):
    def get_queryset(self):
        return _settings_scope(self)


class SchoolHistoryView(snippet_views.HistoryView):
    def get_base_object_queryset(self):
        return _settings_scope(self)


class SchoolUsageView(snippet_views.UsageView):
    def get_base_object_queryset(self):
        return _settings_scope(self)


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "group"
    list_display = ["name", "email", "website"]
    chooser_viewset_class = _scoped_chooser_viewset(selectors.schools_for_editor)
    edit_view_class = SchoolEditView
    history_view_class = SchoolHistoryView
    usage_view_class = SchoolUsageView

    def get_queryset(self, request):
        return school_policy.instances_user_has_any_permission_for(request.user, ["change"])


class InstructorViewSet(SnippetViewSet):
    model = Instructor
    icon = "user"
    list_display = ["name", "credentials", "school"]
    list_filter = ["school"]
    search_fields = ["name"]
    chooser_viewset_class = _scoped_chooser_viewset(selectors.instructors_for_editor)

    def get_queryset(self, request):
        return selectors.instructors_for_editor(request.user)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]


class AccreditingBodyViewSet(SnippetViewSet):
    model = AccreditingBody
    icon = "doc-full"
    list_display = ["abbreviation", "name", "kind", "region", "tracking_system"]
    list_filter = ["kind"]
    search_fields = ["name", "abbreviation"]


class CETopicCategoryViewSet(SnippetViewSet):
    model = CETopicCategory
    icon = "tag"
    list_display = ["name", "slug"]


class CatalogGroup(SnippetViewSetGroup):
    menu_label = "Catalog"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        SchoolViewSet,
        InstructorViewSet,
        TopicViewSet,
        AccreditingBodyViewSet,
        CETopicCategoryViewSet,
    )


register_snippet(CatalogGroup)
