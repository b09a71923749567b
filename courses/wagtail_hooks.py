from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from courses.models import Instructor, School, Topic


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "group"
    list_display = ["name", "email", "website"]
    search_fields = ["name"]


class InstructorViewSet(SnippetViewSet):
    model = Instructor
    icon = "user"
    list_display = ["name", "credentials", "school"]
    list_filter = ["school"]
    search_fields = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]


class CatalogGroup(SnippetViewSetGroup):
    menu_label = "Catalog"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (SchoolViewSet, InstructorViewSet, TopicViewSet)


register_snippet(CatalogGroup)
