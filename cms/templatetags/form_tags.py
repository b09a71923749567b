"""One way every form of ours reports a failed submit (issue 20, WCAG 3.3.1 and 4.1.3).

base.html asks two questions of whatever forms the page was rendered with: `error_title_prefix`
puts "Error: " before the <title>, and `error_summary` lists every error once at the top of the
main content, each linking to its field; static/js/site.js moves focus to that summary, which is
the page's only alert. Next to each field its message stays in a plain <ul class="errorlist">,
and Django marks the input aria-invalid and points its aria-describedby at that list. A form
whose error belongs to no field (a wrong password) marks its fields invalid too, described by
the form's message (`field_widget`).
"""

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


def _bound_forms(context) -> list[BaseForm]:
    found: dict[int, BaseForm] = {}
    for value in context.flatten().values():
        # type(), not isinstance(): a lazy object would be evaluated by isinstance.
        kind = type(value)
        if issubclass(kind, BaseForm) and value.is_bound:
            found.setdefault(id(value), value)
        elif issubclass(kind, BaseFormSet) and value.is_bound:
            for form in value.forms:
                found.setdefault(id(form), form)
    return list(found.values())


def _errors(context) -> list[dict]:
    """Every error of the page's forms: {"text", "href"}, in the forms' field order."""
    entries = []
    for value in context.flatten().values():
        if issubclass(type(value), BaseFormSet) and value.is_bound:
            entries += [{"text": error, "href": ""} for error in value.non_form_errors()]
    for form in _bound_forms(context):
        if not form.errors:
            continue
        entries += [{"text": error, "href": ""} for error in form.non_field_errors()]
        for field in form:
            for error in field.errors:
                # Radio and checkbox groups label no single input: link to the first one.
                target = field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")
                href = f"#{target}" if target and not field.is_hidden else ""
                label = field.label or field.html_name
                entries.append({"text": f"{label}: {error}", "href": href})
    return entries


@register.simple_tag(takes_context=True)
def error_title_prefix(context) -> str:
    return "Error: " if any(form.errors for form in _bound_forms(context)) else ""


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context) -> dict:
    return {"errors": _errors(context)}


@register.filter
def non_field_errors_id(form) -> str:
    return f"{form.prefix or 'form'}-errors"


@register.filter
def field_widget(field, form=None):
    """The field's input; when its form failed for a reason of no field (a login whose password
    does not match) the input is marked invalid and described by the form's message."""
    if field.errors or form is None or not form.non_field_errors():
        return field.as_widget()
    described = " ".join(filter(None, [field.aria_describedby, non_field_errors_id(form)]))
    return field.as_widget(attrs={"aria-invalid": "true", "aria-describedby": described})


@register.filter
def squash(text) -> str:
    """Text with its runs of whitespace made one space: allauth's indented title blocks."""
    return " ".join(str(text).split())
