"""Reads for orders: a buyer's orders and whether an order has given access yet."""

from django.db.models import QuerySet

from commerce.models import Order, SeatPool
from courses.models import Enrollment, LessonPage


def orders_for_student(*, user) -> QuerySet[Order]:
    """The student's orders, newest first, with their course: one query whatever their number."""
    return Order.objects.filter(student=user).select_related("course").order_by("-created_at")


def order_for_student(*, user, order_id) -> Order | None:
    orders = Order.objects.select_related("course", "course__school")
    return orders.filter(student=user, pk=order_id).first()


def order_access(*, order) -> tuple[bool, LessonPage | None]:
    """Whether the order's buyer is actively enrolled yet, and the course's first live lesson.

    A seat order is done when its seat pool exists; the buyer need not take a seat themselves.
    """
    if order.seats:
        return SeatPool.objects.filter(order=order).exists(), None
    enrolled = Enrollment.objects.filter(
        student_id=order.student_id, course_id=order.course_id, status=Enrollment.Status.ACTIVE
    ).exists()
    if not enrolled:
        return False, None
    return True, LessonPage.objects.live().descendant_of(order.course).order_by("path").first()
