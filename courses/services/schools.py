"""Setting a school up: its section of the catalog, media collection, editor groups and workflow.

A school's editors may draft and submit pages in its section only; its reviewers approve and
publish them. Both may use images and documents in the school's collection only.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from courses.models import AccreditingBody, CourseIndexPage, ProviderApproval
from schools.models import School

NO_CATALOG = "There is no course catalog page yet: create the catalog before any school."
SLUG_TAKEN = "The slug “{slug}” already belongs to the school “{name}”."
NAME_TAKEN = "A school named “{name}” already exists, with the slug “{slug}”."
UNKNOWN_BODY = "No accrediting body is called “{body}”. Known bodies: {known}."
PROVIDER_NUMBER_REQUIRED = "Give the provider number {body} gave the school."

# Editors draft and submit for moderation; reviewers approve, so they may publish.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("change_page", "publish_page")
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


@transaction.atomic
def school_create(
    *,
    name: str,
    slug: str,
    email: str = "",
    catalog: CourseIndexPage | None = None,
    changes: list[str] | None = None,
) -> School:
    """Create the school with its section, collection, groups and workflow.

    Idempotent on `slug`: a second run creates only what is missing (a deleted section or
    group, a lost permission) and leaves the rest alone. `changes` collects what was created.
    """
    changes = [] if changes is None else changes
    school = _school(name=name, slug=slug, email=email, changes=changes)
    school.section = _section(school, catalog=catalog, changes=changes)
    school.collection = _collection(school, changes=changes)
    school.editors_group = _group(school.editors_group, _group_name(school, "editors"), changes)
    school.reviewers_group = _group(
        school.reviewers_group, _group_name(school, "reviewers"), changes
    )
    school.save()
    for group, codenames in (
        (school.editors_group, EDITOR_PAGE_PERMISSIONS),
        (school.reviewers_group, REVIEWER_PAGE_PERMISSIONS),
    ):
        group.permissions.add(_permission("wagtailadmin", "access_admin"))
        for codename in codenames:
            _, created = GroupPagePermission.objects.get_or_create(
                group=group,
                page=school.section,
                permission=_permission("wagtailcore", codename),
            )
            if created:
                changes.append(f"permission: {group.name} may {codename} in {school.section}")
        for app_label, codename in MEDIA_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=school.collection,
                permission=_permission(app_label, codename),
            )
    _workflow(school, changes=changes)
    return school


def main_catalog() -> CourseIndexPage | None:
    """The top catalog (/courses/): school sections are catalogs inside it."""
    return CourseIndexPage.objects.order_by("depth", "path").first()


def _school(*, name: str, slug: str, email: str, changes: list[str]) -> School:
    school = School.objects.select_for_update().filter(slug=slug).first()
    if school is not None and school.name != name:
        raise ValidationError({"slug": SLUG_TAKEN.format(slug=slug, name=school.name)})
    other = School.objects.filter(name=name).exclude(slug=slug).first()
    if other is not None:
        raise ValidationError({"name": NAME_TAKEN.format(name=name, slug=other.slug)})
    if school is not None:
        return school
    school = School(name=name, slug=slug, email=email)
    school.full_clean()
    school.save()
    changes.append(f"school: {name} ({slug})")
    return school


def _section(
    school: School, *, catalog: CourseIndexPage | None, changes: list[str]
) -> CourseIndexPage:
    if school.section is not None:
        return school.section
    catalog = catalog or main_catalog()
    if catalog is None:
        raise ValidationError(NO_CATALOG)
    section = CourseIndexPage.objects.child_of(catalog).filter(slug=school.slug).first()
    if section is None:
        section = CourseIndexPage(title=school.name, slug=school.slug)
        catalog.add_child(instance=section)
        section.save_revision().publish()
        changes.append(f"section: {section.url_path}")
    return section


def _collection(school: School, *, changes: list[str]) -> Collection:
    if school.collection is not None:
        return school.collection
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=school.name).first()
    if collection is None:
        collection = root.add_child(name=school.name)
        changes.append(f"collection: {school.name}")
    return collection


def _group_name(school: School, role: str) -> str:
    """ "<School name> editors", or by slug when the name is too long for a group's 150
    characters: names never get cut, since two cut names could share one group."""
    name = f"{school.name} {role}"
    max_length = Group._meta.get_field("name").max_length
    return name if len(name) <= max_length else f"{school.slug} {role}"


def _group(current: Group | None, name: str, changes: list[str]) -> Group:
    if current is not None:
        return current
    group, created = Group.objects.get_or_create(name=name)
    if created:
        changes.append(f"group: {name}")
    return group


def _workflow(school: School, *, changes: list[str]) -> None:
    """Pages submitted in the section wait for this school's reviewers, not everyone's."""
    if WorkflowPage.objects.filter(page=school.section).exists():
        return
    name = f"{school.name} review"
    workflow = Workflow.objects.filter(name=name).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=name)
        task = GroupApprovalTask.objects.create(name=f"{school.name} reviewers approve")
        task.groups.set([school.reviewers_group])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changes.append(f"workflow: {name}")
    WorkflowPage.objects.create(page=school.section, workflow=workflow)


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def accrediting_body_find(text: str) -> AccreditingBody:
    """A body by its abbreviation or name (either case), or a ValidationError naming them all."""
    text = (text or "").strip()
    body = AccreditingBody.objects.filter(abbreviation__iexact=text).first()
    body = body or AccreditingBody.objects.filter(name__iexact=text).first()
    if body is None:
        known = (
            ", ".join(
                AccreditingBody.objects.order_by("abbreviation").values_list(
                    "abbreviation", flat=True
                )
            )
            or "none yet (add them in the admin's Catalog first)"
        )
        raise ValidationError({"body": UNKNOWN_BODY.format(body=text, known=known)})
    return body


@transaction.atomic
def provider_approval_set(
    *, school: School, body: AccreditingBody, provider_number: str, expires_on=None
) -> ProviderApproval:
    """The school's approval by `body`: created, or its number and expiry replaced."""
    provider_number = (provider_number or "").strip()
    if not provider_number:
        raise ValidationError(
            {"provider_number": PROVIDER_NUMBER_REQUIRED.format(body=body.abbreviation)}
        )
    approval = ProviderApproval.objects.filter(school=school, body=body).first()
    if approval is None:
        approval = ProviderApproval(school=school, body=body)
    approval.provider_number = provider_number
    approval.expires_on = expires_on
    approval.full_clean()
    approval.save()
    return approval
