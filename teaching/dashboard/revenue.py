"""Revenue of a course from its orders, per currency (amounts in different currencies are never
added up).

An order counts as paid once money arrived (`amount_paid` is set, whatever its status is now);
gross is what was paid, refunded what Stripe gave back (in part or in full), net the difference.
By month, each order sits in the month it was paid, refunds included, so a month's net is what
that month's sales are worth now. Amounts are what learners paid, as the orders record them:
Stripe's fees are not taken off. Seats sold are the places bought in bulk for an organisation
(`Order.seats`), as sold: a refund that withdraws unused seats does not unsell them here.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from commerce.models import Order
from courses.models import CoursePage
from teaching.dashboard import periods

REVENUE_COLUMNS = [
    "Month",
    "Currency",
    "Paid orders",
    "Seats sold",
    "Gross paid",
    "Refunded",
    "Net",
    "Refunded orders",
    "Disputed orders",
]
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Revenue:
    currency: str
    paid_orders: int
    seats: int
    gross: Decimal
    refunded: Decimal
    refunded_orders: int
    disputed_orders: int
    disputed: Decimal  # paid, now under a chargeback
    pending_orders: int = 0
    month: date | None = None

    @property
    def net(self) -> Decimal:
        return self.gross - self.refunded

    @property
    def code(self) -> str:
        return self.currency.upper()


def _sums():
    paid = Q(amount_paid__isnull=False)
    return {
        "paid_orders": Count("pk", filter=paid),
        "seats": Sum("seats", filter=paid),
        "gross": Sum("amount_paid", filter=paid),
        "refunded": Sum("amount_refunded", filter=paid),
        "refunded_orders": Count("pk", filter=paid & Q(amount_refunded__gt=0)),
        "disputed_orders": Count("pk", filter=Q(status=Order.Status.DISPUTED)),
        "disputed": Sum("amount_paid", filter=Q(status=Order.Status.DISPUTED)),
    }


def _money(value) -> Decimal:
    """Two places, as the orders store them (SQLite's SUM gives 200 for 200.00)."""
    return Decimal(value or 0).quantize(ZERO)


def _revenue(row: dict, **extra) -> Revenue:
    return Revenue(
        currency=row["currency"],
        paid_orders=row["paid_orders"],
        seats=row["seats"] or 0,
        gross=_money(row["gross"]),
        refunded=_money(row["refunded"]),
        refunded_orders=row["refunded_orders"],
        disputed_orders=row["disputed_orders"],
        disputed=_money(row["disputed"]),
        **extra,
    )


def revenue_totals(*, course: CoursePage) -> list[Revenue]:
    """One row per currency the course was sold in: one query."""
    rows = (
        Order.objects.filter(course=course)
        .values("currency")
        .annotate(**_sums(), pending_orders=Count("pk", filter=Q(status=Order.Status.PENDING)))
        .order_by("currency")
    )
    return [
        _revenue(row, pending_orders=row["pending_orders"])
        for row in rows
        if row["paid_orders"] or row["pending_orders"]
    ]


def revenue_by_month(*, course: CoursePage) -> list[Revenue]:
    """Paid orders by the month they were paid and currency, newest first: one query."""
    rows = (
        Order.objects.filter(course=course, amount_paid__isnull=False, paid_at__isnull=False)
        .annotate(month=periods.trunc(periods.MONTH, "paid_at"))
        .values("month", "currency")
        .annotate(**_sums())
        .order_by("-month", "currency")
    )
    return [_revenue(row, month=row["month"]) for row in rows]


def revenue_rows(months: list[Revenue]):
    for row in sorted(months, key=lambda r: (r.month, r.currency)):
        yield [
            periods.csv_label(periods.MONTH, row.month),
            row.code,
            row.paid_orders,
            row.seats,
            row.gross,
            row.refunded,
            row.net,
            row.refunded_orders,
            row.disputed_orders,
        ]
