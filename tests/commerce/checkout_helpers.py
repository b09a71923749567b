"""What a buyer's checkout form sends once they ticked "I accept" under the school's policies."""

from schools.policies import policies_digest, policies_for_course


def accepted(course) -> str:
    """The digest of the course's school policies, as the ticked form sends it."""
    return policies_digest(policies_for_course(course))


def accept_form(course, **data) -> dict:
    return {"accept_policies": "1", "policies_digest": accepted(course), **data}
