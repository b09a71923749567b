"""What every question-bank admin view shares: objects looked up within the user's schools.

An object of a school the user cannot see is a 404 (its existence does not leak); one they
can see but not change (a reviewer's) is a 403.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin.views import generic
from wagtail.admin.views.generic import history, usage
from wagtail.admin.viewsets.model import ModelViewSet

# Viewset names, which are also their URL namespaces.
BANKS, CATEGORIES, QUESTIONS = "quizzes_bank", "quizzes_category", "quizzes_question"

IN_USE = (
    "“%(object)s” is used by a quiz or by students' attempts, so it cannot be deleted. "
    "Remove it from the quizzes first; questions that students have answered stay for "
    "their records."
)


class VisibleObjectsMixin:
    """Look objects up among those the user may view, then check the view's own action."""

    #: The action the object must allow, or None for the view's read-only pages.
    object_action: str | None = "change"
    related = ()

    def visible_queryset(self):
        queryset = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        )
        return queryset.select_related(*self.related) if self.related else queryset

    def check_object(self, instance):
        if self.object_action and not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.object_action, instance
        ):
            raise PermissionDenied
        return instance


class ScopedObjectMixin(VisibleObjectsMixin):
    """For views built on Django's SingleObjectMixin (edit and delete)."""

    def get_queryset(self):
        return self.visible_queryset()

    def get_object(self, queryset=None):
        if getattr(self, "object", None):
            return self.object
        return self.check_object(super().get_object(queryset))


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    object_action = "delete"

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, IN_USE % {"object": self.object})
            return redirect(self.get_success_url())


class ScopedInspectView(VisibleObjectsMixin, generic.InspectView):
    object_action = None

    def get_object(self, queryset=None):
        return get_object_or_404(self.visible_queryset(), pk=self.pk)


class ScopedHistoryView(VisibleObjectsMixin, history.HistoryView):
    object_action = None

    def get_object(self):
        return get_object_or_404(self.visible_queryset(), pk=self.pk)


class ScopedUsageView(VisibleObjectsMixin, usage.UsageView):
    object_action = None

    def get_object(self):
        return get_object_or_404(self.visible_queryset(), pk=self.pk)


class ScopedIndexMixin:
    """Row links by what the user may do with that row's school, not with the model."""

    def get_base_queryset(self):
        return self.visible_queryset()

    def visible_queryset(self):
        raise NotImplementedError

    def _may(self, action, instance) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, action, instance
        )

    def get_edit_url(self, instance):
        if self.edit_url_name and self._may("change", instance):
            return reverse(self.edit_url_name, args=(quote(instance.pk),))

    def get_delete_url(self, instance):
        if self.delete_url_name and self._may("delete", instance):
            return reverse(self.delete_url_name, args=(quote(instance.pk),))

    def get_copy_url(self, instance):
        return None


class ScopedModelViewSet(ModelViewSet):
    """A viewset whose every object page is scoped to the user's schools."""

    add_to_reference_index = False
    copy_view_enabled = False
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView

    def get_permissions_to_register(self):
        # School memberships grant these (see permissions.py), not group permissions.
        return Permission.objects.none()


def questions_url(bank) -> str:
    return f"{reverse(QUESTIONS + ':index')}?bank={bank.pk}"


def categories_url(bank) -> str:
    return f"{reverse(CATEGORIES + ':index')}?bank={bank.pk}"
