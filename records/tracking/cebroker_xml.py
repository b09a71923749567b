"""CE Broker's web service: the XML roster message, posted as a form, and its receipt.

The message, modelled on CE Broker's provider help pages (one message at most 16 MB):

    <rosters id_parent_provider="50-1234" upload_key="...">
      <roster id_provider="50-1234" id_course="20-5678" id_publishing="">
        <attendee key="c-17" license="MA12345" cd_state="FL" cd_profession="MT"
                  first_name="Ana" last_name="Reyes" date_completed="05/31/2026" hours="3.00">
          <partial_credit cd_subject_area="ETH" hours="2.00"/>   (partial credit only)
        </attendee>
      </roster>
    </rosters>

The receipt mirrors it: each attendee carries either its new identifier (id_attendance) or a
non-empty Message saying what was wrong, with a timestamp (dt_processed). A licensee already
on the course's roster comes back with a Message saying so: that record is reported.
A receipt with status="queued" means CE Broker will process a large message later.
"""

import re
import tempfile
from decimal import Decimal
from xml.sax.saxutils import quoteattr

import requests
from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from records.tracking.base import (
    Batch,
    Outcome,
    Receipt,
    RecordResult,
    RosterRecord,
    TransportError,
)

NAME = "cebroker_xml"
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
ALREADY_ON_ROSTER = re.compile(r"already\s+(?:on|in)\s+(?:the\s+|this\s+)?roster", re.I)
NO_ENDPOINT = "No web-service address is configured for CE Broker."
TOO_BIG = "The roster message is over CE Broker's 16 MB limit: send smaller batches."


def _attrs(**values) -> str:
    return " ".join(f"{name}={quoteattr(str(value))}" for name, value in values.items())


def _hours(value: Decimal) -> str:
    return f"{Decimal(value):.2f}"


def _attendee(record: RosterRecord) -> str:
    head = _attrs(
        key=record.key,
        license=record.licence_number,
        cd_state=record.state,
        cd_profession=record.profession,
        first_name=record.first_name,
        last_name=record.last_name,
        date_completed=record.completed_on.strftime("%m/%d/%Y"),
        hours=_hours(record.hours),
    )
    if not record.partial:
        return f"<attendee {head}/>"
    credits = "".join(
        f"<partial_credit {_attrs(cd_subject_area=c.code, hours=_hours(c.hours))}/>"
        for c in record.subject_credits
    )
    return f"<attendee {head}>{credits}</attendee>"


def write_message(output, *, batch: Batch) -> int:
    """The roster message for `batch` written to the binary `output`; returns its size.

    Records are read once, in order; consecutive records of one course share a roster.
    """
    output.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    head = _attrs(
        id_parent_provider=batch.credentials.provider_id, upload_key=batch.idempotency_key
    )
    output.write(f"<rosters {head}>".encode())
    roster = None
    for record in batch.records:
        current = (record.provider_number, record.course_number, record.publishing)
        if current != roster:
            if roster is not None:
                output.write(b"</roster>")
            roster = current
            attrs = _attrs(id_provider=current[0], id_course=current[1], id_publishing=current[2])
            output.write(f"<roster {attrs}>".encode())
        output.write(_attendee(record).encode())
    if roster is not None:
        output.write(b"</roster>")
    output.write(b"</rosters>\n")
    return output.tell()


def message_bytes(batch: Batch) -> bytes:
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as output:
        size = write_message(output, batch=batch)
        if size > MAX_MESSAGE_BYTES:
            raise TransportError(TOO_BIG)
        output.seek(0)
        return output.read()


def parse_receipt(body: bytes, *, upload_key: str) -> Receipt:
    """Each attendee's result; TransportError when the receipt cannot be trusted."""
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise TransportError(f"CE Broker's receipt could not be read: {error}") from None
    if root.tag != "rosters":
        raise TransportError("CE Broker's receipt is not a roster receipt.")
    if root.get("upload_key", "") != upload_key:
        raise TransportError("CE Broker's receipt is for another upload.")
    if root.get("status", "").casefold() == "queued":
        raise TransportError("CE Broker queued the message: its receipt comes later.")
    results = []
    for attendee in root.iter("attendee"):
        key = attendee.get("key", "")
        message = (attendee.get("Message") or "").strip()
        identifier = (attendee.get("id_attendance") or "").strip()
        if not key:
            continue
        if message and ALREADY_ON_ROSTER.search(message):
            results.append(RecordResult(key, Outcome.ALREADY_REPORTED, identifier, message))
        elif message:
            results.append(RecordResult(key, Outcome.REJECTED, "", message))
        elif identifier:
            results.append(RecordResult(key, Outcome.ACCEPTED, identifier, ""))
        # neither: the record is unaccounted for and stays in the batch, to be sent again
    return Receipt(receipt_id=root.get("id_receipt", ""), results=results)


class CEBrokerXMLTransport:
    name = NAME

    def __init__(self, *, timeout: float = 30.0, session: requests.Session | None = None):
        self.timeout = timeout
        self.session = session or requests.Session()

    def send(self, batch: Batch) -> Receipt:
        credentials = batch.credentials
        if not credentials.endpoint_url:
            raise TransportError(NO_ENDPOINT)
        message = message_bytes(batch)
        form = {
            "id_parent_provider": credentials.provider_id,
            "username": credentials.username,
            "password": credentials.secret,
            "upload_key": batch.idempotency_key,
        }
        try:
            response = self.session.post(
                credentials.endpoint_url,
                data=form,
                files={"InXML": ("roster.xml", message, "text/xml")},
                timeout=(min(self.timeout, 10.0), self.timeout),
                allow_redirects=False,
            )
        except requests.RequestException as error:
            raise TransportError(f"CE Broker did not answer: {error.__class__.__name__}") from None
        if response.status_code != 200:
            raise TransportError(f"CE Broker answered HTTP {response.status_code}.")
        return parse_receipt(response.content, upload_key=batch.idempotency_key)
