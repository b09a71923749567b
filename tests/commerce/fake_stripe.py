"""An offline Stripe: answers the API calls we make with Stripe-shaped JSON, and signs webhooks.

`FakeStripe` stands in for the stripe library's HTTP client
(commerce.gateways.stripe.http_client), so the real library still builds, sends and parses
every request. Objects start from Stripe's own fixtures
(../shared/fixtures/stripe/fixtures3.json, copied to stripe_fixtures.json here).
"""

import copy
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

FIXTURES = json.loads((Path(__file__).with_name("stripe_fixtures.json")).read_text())
WEBHOOK_SECRET = "whsec_fake_offline"
SECRET_KEY = "sk_fake_offline"


def stripe_object(kind: str, **fields) -> dict:
    obj = copy.deepcopy(FIXTURES[kind])
    obj.update(fields)
    return obj


def sign(payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """A Stripe-Signature header made exactly as Stripe makes it."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={signature}"


_event_ids = itertools.count(1)


def event(event_type: str, obj: dict, event_id: str | None = None) -> dict:
    return stripe_object(
        "event",
        id=event_id or f"evt_fake_{next(_event_ids)}",
        type=event_type,
        data={"object": obj},
        api_version="2025-10-29.clover",
        created=int(time.time()),
    )


@dataclass
class Request:
    method: str
    path: str
    params: dict
    headers: dict

    @property
    def idempotency_key(self) -> str | None:
        return self.headers.get("Idempotency-Key")


@dataclass
class FakeStripe:
    """Checkout Sessions (create, retrieve, expire) and Refunds (create), in memory."""

    name = "fake"
    requests: list[Request] = field(default_factory=list)
    sessions: dict[str, dict] = field(default_factory=dict)
    refunds: list[dict] = field(default_factory=list)
    replies: dict[str, tuple[str, int]] = field(default_factory=dict)  # by idempotency key
    fail_with: int | None = None  # answer every call with this HTTP status
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    # --- the stripe library's HTTP client interface ---
    def request_with_retries(
        self, method, url, headers, post_data=None, max_network_retries=None, *, _usage=None
    ):
        parts = urlsplit(url)
        query = parts.query if method == "get" else (post_data or "")
        if isinstance(query, bytes):
            query = query.decode()
        request = Request(method, parts.path, dict(parse_qsl(query)), dict(headers))
        self.requests.append(request)
        if self.fail_with:
            error = {"error": {"type": "api_error", "message": "Stripe is down (fake)."}}
            return json.dumps(error), self.fail_with, {}
        key = request.idempotency_key
        if key and key in self.replies:
            return (*self.replies[key], {"idempotent-replayed": "true"})
        body, status = self._route(request)
        if key:
            self.replies[key] = (body, status)
        return body, status, {"request-id": f"req_fake_{len(self.requests)}"}

    def close(self):
        pass

    # --- routing ---
    def _route(self, request: Request) -> tuple[str, int]:
        path, method = request.path, request.method
        if path == "/v1/checkout/sessions" and method == "post":
            return self._json(self._session_create(request.params))
        if path.startswith("/v1/checkout/sessions/"):
            session_id = path.split("/")[4]
            session = self.sessions.get(session_id)
            if session is None:
                return self._missing(session_id)
            if path.endswith("/expire") and method == "post":
                session["status"] = "expired"
            return self._json(session)
        if path == "/v1/refunds" and method == "post":
            refund = stripe_object(
                "refund",
                id=f"re_fake_{next(self._ids)}",
                payment_intent=request.params["payment_intent"],
                charge=None,
                metadata={
                    k[9:-1]: v for k, v in request.params.items() if k.startswith("metadata[")
                },
            )
            self.refunds.append(refund)
            return self._json(refund)
        return self._missing(path)

    def _session_create(self, params: dict) -> dict:
        session_id = f"cs_test_fake_{next(self._ids)}"
        quantity = int(params.get("line_items[0][quantity]", 1))
        amount = int(params["line_items[0][price_data][unit_amount]"]) * quantity
        session = stripe_object(
            "checkout.session",
            id=session_id,
            url=f"https://checkout.stripe.com/c/pay/{session_id}",
            status="open",
            payment_status="unpaid",
            payment_intent=None,
            amount_subtotal=amount,
            amount_total=amount,
            currency=params["line_items[0][price_data][currency]"],
            client_reference_id=params.get("client_reference_id"),
            customer_email=params.get("customer_email"),
            metadata={k[9:-1]: v for k, v in params.items() if k.startswith("metadata[")},
            success_url=params["success_url"],
            cancel_url=params["cancel_url"],
            total_details={"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
        )
        self.sessions[session_id] = session
        return session

    @staticmethod
    def _json(obj: dict) -> tuple[str, int]:
        return json.dumps(obj), 200

    @staticmethod
    def _missing(what: str) -> tuple[str, int]:
        error = {"error": {"type": "invalid_request_error", "message": f"No such: {what}"}}
        return json.dumps(error), 404

    # --- what Stripe would do when the student pays ---
    def complete(self, session_id: str, **changes) -> dict:
        """The session as Stripe sends it in checkout.session.completed once paid."""
        session = self.sessions[session_id]
        session.update(
            status="complete",
            payment_status="paid",
            payment_intent=f"pi_fake_{next(self._ids)}",
            customer_details={**session["customer_details"], "email": session["customer_email"]},
        )
        session.update(changes)
        return copy.deepcopy(session)

    def charge(self, payment_intent: str, *, amount: int, refunded: int = 0) -> dict:
        return stripe_object(
            "charge",
            id=f"ch_fake_{next(self._ids)}",
            amount=amount,
            amount_captured=amount,
            amount_refunded=refunded,
            refunded=refunded >= amount,
            payment_intent=payment_intent,
            captured=True,
        )

    def dispute(self, payment_intent: str, *, amount: int) -> dict:
        return stripe_object(
            "dispute", id=f"dp_fake_{next(self._ids)}", amount=amount, payment_intent=payment_intent
        )
