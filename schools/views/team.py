"""The Team screen in the admin: a school's members and open invitations, the invite form,
and the actions on each row. Staff and the school's admins only (rules.may_manage_team);
anyone else gets 404, so a school's existence and people are not confirmed to outsiders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from schools import selectors, services
from schools.forms import InvitationForm, RoleForm
from schools.models import SchoolInvitation, SchoolMembership

INVITED = "Invitation to {email} as {role} is on its way."
RESENT = "A new invitation link is on its way to {email}."
REVOKED = "The invitation to {email} was withdrawn: its link no longer works."
ROLE_CHANGED = "{email} is now {role}."
REMOVED = "{email} was removed from {school}."


def _school(request, slug):
    school = selectors.team_school(request.user, slug=slug)
    if school is None:
        raise Http404
    return school


def _errors(request, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def team_url(school) -> str:
    return reverse("schools_team:team", args=[school.slug])


class TeamSchoolsView(WagtailAdminTemplateMixin, TemplateView):
    """Where the menu's "Team" leads: straight to the one school, or a list of them."""

    template_name = "schools/admin/team_schools.html"
    page_title = "Team"
    header_icon = "group"

    def get(self, request, *args, **kwargs):
        schools = list(selectors.team_schools(request.user)[:2])
        if not schools:
            raise Http404
        if len(schools) == 1:
            return redirect(team_url(schools[0]))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(schools=selectors.team_schools(self.request.user), **kwargs)


class TeamView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "schools/admin/team.html"
    page_title = "Team"
    header_icon = "group"

    def dispatch(self, request, *args, slug, **kwargs):
        self.school = _school(request, slug)
        return super().dispatch(request, *args, slug=slug, **kwargs)

    def get_page_subtitle(self):
        return self.school.name

    def get_context_data(self, form=None, **kwargs):
        invitations = list(selectors.team_invitations_open(school=self.school))
        now = timezone.now()
        for invitation in invitations:
            invitation.state = invitation.status(now)
        return super().get_context_data(
            school=self.school,
            members=selectors.team_members(school=self.school),
            invitations=invitations,
            audit=selectors.team_audit(school=self.school),
            form=form or InvitationForm(),
            roles=SchoolMembership.Role.choices,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        """The invite form."""
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    school=self.school,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    invited_by=request.user,
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
            else:
                role = invitation.get_role_display().lower()
                messages.success(request, INVITED.format(email=invitation.email, role=role))
                return redirect(team_url(self.school))
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _invitation(request, slug, pk):
    school = _school(request, slug)
    return get_object_or_404(
        SchoolInvitation.objects.select_related("school"), school=school, pk=pk
    )


def _membership(request, slug, pk):
    school = _school(request, slug)
    rows = SchoolMembership.objects.select_related("school", "user")
    return get_object_or_404(rows, school=school, pk=pk)


@require_POST
def invitation_resend(request, slug, pk):
    invitation = _invitation(request, slug, pk)
    try:
        services.invitation_resend(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, RESENT.format(email=invitation.email))
    return redirect(team_url(invitation.school))


@require_POST
def invitation_revoke(request, slug, pk):
    invitation = _invitation(request, slug, pk)
    try:
        services.invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, REVOKED.format(email=invitation.email))
    return redirect(team_url(invitation.school))


@require_POST
def member_role(request, slug, pk):
    membership = _membership(request, slug, pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a role: admin, instructor or reviewer.")
        return redirect(team_url(membership.school))
    try:
        membership = services.member_role_change(
            membership=membership, role=form.cleaned_data["role"], actor=request.user
        )
    except ValidationError as exc:
        _errors(request, exc)
    else:
        role = membership.get_role_display().lower()
        messages.success(request, ROLE_CHANGED.format(email=membership.user.email, role=role))
    return redirect(team_url(membership.school))


class MemberRemoveView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "schools/admin/member_remove.html"
    page_title = "Remove from the school"
    header_icon = "group"

    def dispatch(self, request, *args, slug, pk, **kwargs):
        self.membership = _membership(request, slug, pk)
        return super().dispatch(request, *args, slug=slug, pk=pk, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            membership=self.membership, team_url=team_url(self.membership.school), **kwargs
        )

    def post(self, request, *args, **kwargs):
        membership = self.membership
        try:
            services.member_remove(membership=membership, actor=request.user)
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(
                request, REMOVED.format(email=membership.user.email, school=membership.school.name)
            )
        return redirect(team_url(membership.school))
