"""One e-mail per notification kind: its subject, its two templates (HTML and plain text, in
templates/notifications/email/) and what they show, read fresh when the worker sends it.

Messages go to one address each (never a list a learner could read others' addresses in),
carry the school's look (branding.py), and, when the recipient may turn the kind off, the
RFC 8058 one-click unsubscribe headers.
"""

from decimal import Decimal
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from certificates.models import Certificate
from commerce.models import Order
from courses.models import Enrollment
from courses.templatetags.course_tags import ce_hours
from notifications.branding import brand_for
from notifications.models import Category, Kind, Notification
from notifications.services import unsubscribe_token
from records.external_credit.models import ExternalCredit


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else f"{settings.SITE_URL}{url}"


def _page_url(page) -> str:
    return absolute(page.get_url() or "/")


def _about(notification: Notification, model, key: str, what: str, *related: str):
    """The object a message is about, with what it shows joined in; LookupError when gone."""
    found = model.objects.select_related(*related).filter(pk=notification.data.get(key)).first()
    if found is None:
        raise LookupError(f"The {what} is gone.")
    return found


def _order(notification: Notification) -> Order:
    return _about(notification, Order, "order", "order", "course", "course__school", "student")


def _enrollment(notification: Notification) -> Enrollment:
    return _about(
        notification, Enrollment, "enrollment", "enrolment", "course", "course__school", "student"
    )


def _certificate(notification: Notification) -> Certificate:
    return _about(
        notification, Certificate, "certificate", "certificate", "course", "school", "student"
    )


def _school_url(school) -> str:
    if school is None:
        return absolute("/")
    return absolute(reverse("transcripts:school", kwargs={"school_slug": school.slug}))


# --- Per kind: (subject, context) -----------------------------------------------------------


def _receipt(notification):
    order = _order(notification)
    return f"Receipt for your order #{order.pk}: {order.course.title}", {
        "order": order,
        "course": order.course,
        "school": order.course.school,
        "receipt_url": absolute(reverse("payments:receipt", args=[order.pk])),
    }


def _enrolment(notification):
    enrollment = _enrollment(notification)
    course = enrollment.course
    return f"You are enrolled: {course.title}", {
        "enrollment": enrollment,
        "course": course,
        "course_url": _page_url(course),
        "my_courses_url": absolute(reverse("courses:my_courses")),
    }


def _certificate_waiting(notification):
    certificate = _certificate(notification)
    return "Your certificate is waiting: confirm your licence details", {
        "certificate": certificate,
        "course": certificate.course,
        "confirm_url": absolute(
            reverse("certificates:course", kwargs={"course_id": certificate.course_id})
        ),
    }


def _certificate_issued(notification):
    certificate = _certificate(notification)
    if certificate.status != Certificate.Status.ISSUED:
        raise LookupError("The certificate is no longer issued.")
    return f"Your certificate {certificate.number}: {certificate.course.title}", {
        "certificate": certificate,
        "course": certificate.course,
        "verify_url": absolute(
            reverse("certificates:verify", kwargs={"code": certificate.verify_code})
        ),
        "download_url": absolute(
            reverse("certificates:download", kwargs={"key": certificate.number})
        ),
        "certificate_url": absolute(
            reverse("certificates:course", kwargs={"course_id": certificate.course_id})
        ),
    }


def _inactivity(notification):
    enrollment = _enrollment(notification)
    course = enrollment.course
    return f"Pick up where you left off: {course.title}", {
        "enrollment": enrollment,
        "course": course,
        "course_url": _page_url(course),
        "days": notification.data.get("days"),
    }


def _renewal(notification):
    data = notification.data
    missing = Decimal(data["missing"])
    if missing:
        subject = f"Your {data['body']} renewal: {ce_hours(missing)} still to earn"
    else:
        subject = f"Your {data['body']} renewal: required topics still to complete"
    return subject, {
        **data,
        "done": Decimal(data["done"]),
        "required": Decimal(data["required"]),
        "missing": missing,
        "topics_missing": [(name, Decimal(hours)) for name, hours in data["topics_missing"]],
        "transcript_url": absolute(reverse("transcripts:transcript")),
        "catalog_url": absolute("/courses/"),
    }


def _reports_due(notification):
    data = notification.data
    school = notification.school
    word = "completion" if data["count"] == 1 else "completions"
    return f"{data['count']} {word} to report to {data['tracking_system']} by {data['due_on']}", {
        **data,
        "reporting_url": absolute(
            reverse("transcripts:reporting", kwargs={"school_slug": school.slug})
        ),
    }


def _payment_alert(notification):
    order = _order(notification)
    event = notification.data.get("event", "")
    what = "disputed" if event == "disputed" else "refunded"
    return f"Order #{order.pk} was {what}: {order.course.title}", {
        "order": order,
        "course": order.course,
        "event": what,
        "partial": event.startswith("partly-"),
        "school_url": _school_url(notification.school),
    }


def _approval_expiry(notification):
    data = notification.data
    kind = "provider approval" if data["approval_kind"] == "provider" else "course approval"
    return f"Your {data['body']} {kind} expires on {data['expires_on']}", {
        **data,
        "approval_label": kind,
        "school_url": _school_url(notification.school),
    }


def _credit_reviewed(notification):
    data = notification.data
    credit = ExternalCredit.objects.select_related("body").filter(pk=data.get("credit")).first()
    if credit is None:
        raise LookupError("The credit was removed.")
    accepted = data.get("status") == ExternalCredit.Status.ACCEPTED
    outcome = "accepted" if accepted else "not accepted"
    return f"Your credit from elsewhere was {outcome}: {credit.course_title}", {
        "credit": credit,
        "accepted": accepted,
        "reason": data.get("reason", ""),
        "transcript_url": absolute(reverse("transcripts:transcript")),
        "credits_url": absolute(reverse("transcripts:external_credits")),
    }


BUILDERS = {
    Kind.RECEIPT: _receipt,
    Kind.ENROLMENT: _enrolment,
    Kind.CERTIFICATE_WAITING: _certificate_waiting,
    Kind.CERTIFICATE_ISSUED: _certificate_issued,
    Kind.INACTIVITY: _inactivity,
    Kind.RENEWAL: _renewal,
    Kind.REPORTS_DUE: _reports_due,
    Kind.PAYMENT_ALERT: _payment_alert,
    Kind.APPROVAL_EXPIRY: _approval_expiry,
    Kind.CREDIT_REVIEWED: _credit_reviewed,
}


def _greeting_name(recipient) -> str:
    """The name the person gave us; never their address (a greeting is not a login)."""
    if recipient is None:
        return ""
    name = recipient.get_short_name()
    return "" if name == recipient.email else name


def _from_address(school_name: str) -> str:
    """The platform's sending address, named for the school a message is about."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if not school_name:
        return settings.DEFAULT_FROM_EMAIL
    return formataddr((f"{' '.join(school_name.split())} via {name or address}", address))


def build_message(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail for a notification, to its one recipient. LookupError: nothing to send."""
    subject, context = BUILDERS[notification.kind](notification)
    recipient = notification.recipient
    address = recipient.email if recipient is not None else notification.email
    brand = brand_for(notification.school)
    headers = {}
    unsubscribe_url = ""
    category = notification.category
    if category is not None and recipient is not None:
        token = unsubscribe_token(user=recipient, category=category)
        unsubscribe_url = absolute(reverse("notifications:unsubscribe", kwargs={"token": token}))
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    context = {
        **context,
        "subject": subject,
        "brand": brand,
        "recipient": recipient,
        "greeting_name": _greeting_name(recipient),
        "unsubscribe_url": unsubscribe_url,
        "category_label": Category(category).label if category else "",
        "preferences_url": absolute(reverse("notifications:preferences")),
        "site_url": settings.SITE_URL,
    }
    template = f"notifications/email/{notification.kind}"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"{template}.txt", context),
        from_email=_from_address(brand.name if notification.school_id else ""),
        to=[address],
        reply_to=[brand.reply_to] if brand.reply_to else None,
        headers=headers,
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
