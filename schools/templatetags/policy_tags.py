from django import template

from schools.policies import policies_digest, policies_for_course, policy_sections

register = template.Library()


@register.inclusion_tag("schools/includes/checkout_policies.html")
def checkout_policies(course, open_details: bool = False):
    """The school's policies and the "I accept" box, inside a checkout form."""
    policies = policies_for_course(course)
    return {
        "school": policies["school"],
        "sections": policy_sections(policies),
        "digest": policies_digest(policies),
        "open_details": open_details,
    }


@register.filter(name="policy_sections")
def policy_sections_filter(policies) -> list[tuple[str, str]]:
    """(heading, text) of the policies stored on an order, in the order they were shown."""
    return policy_sections(policies or {})
