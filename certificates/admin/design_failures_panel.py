"""On the admin's home page: the designs this user edits that fell back to the built-in
design, so the school hears of it where it works, not only by e-mail."""

from wagtail.admin.ui.components import Component

from certificates.admin.policies import template_policy


class DesignFailuresPanel(Component):
    name = "certificate_design_failures"
    template_name = "certificates/admin/design_failures_panel.html"
    order = 90

    def __init__(self, designs):
        self.designs = designs

    def get_context_data(self, parent_context=None):
        return {"designs": self.designs}


def design_failures_panel(user) -> DesignFailuresPanel | None:
    """The panel for `user`, or None when none of their designs failed."""
    designs = list(
        template_policy.instances_user_has_any_permission_for(user, ["change"])
        .filter(failed_at__isnull=False)
        .order_by("-failed_at")[:20]
    )
    return DesignFailuresPanel(designs) if designs else None
