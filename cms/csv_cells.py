"""CSV and XLSX cells that a spreadsheet will not run as formulas (OWASP's CSV injection advice).

Every spreadsheet the site writes passes its cells through csv_safe(): our own CSV views
call it, and guard_wagtail_exports() puts it under Wagtail's SpreadsheetExportMixin, the
one base of every admin export (the Orders viewset, Wagtail's own reports, form submissions).
"""

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _guard_text(value):
    """Text cells guarded; numbers, dates and empty cells keep their type for the spreadsheet."""
    return csv_safe(value) if isinstance(value, str) else value


def guard_wagtail_exports() -> None:
    """Guard each cell and heading of Wagtail's CSV and XLSX exports.

    Patched on the mixin rather than on our views so that Wagtail's own reports (site
    history, locked and aging pages, form submissions) and any viewset added later are
    guarded too; a subclass that overrides these methods still calls them through super().
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_formula_guarded", False):
        return
    preprocess, heading = (
        SpreadsheetExportMixin.preprocess_field_value,
        SpreadsheetExportMixin.get_heading,
    )

    def preprocess_field_value(self, field, value, export_format):
        return _guard_text(preprocess(self, field, value, export_format))

    def get_heading(self, queryset, field):
        return _guard_text(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._formula_guarded = True
