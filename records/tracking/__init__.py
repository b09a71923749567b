"""Clients for the state tracking systems: one interface (base.py), one module per transport.

transport_for() picks the transport a school chose for a tracking system, configured from
settings.TRACKING_SYSTEMS; records/report_runs.py is the only caller.
"""

from django.conf import settings

from records.tracking.base import Transport
from records.tracking.cebroker_xml import CEBrokerXMLTransport
from records.tracking.roster_spreadsheet import RosterSpreadsheetTransport, RosterXlsxTransport

TRANSPORTS = {
    CEBrokerXMLTransport.name: CEBrokerXMLTransport,
    RosterSpreadsheetTransport.name: RosterSpreadsheetTransport,
    RosterXlsxTransport.name: RosterXlsxTransport,
}
DEFAULT_TRANSPORT = RosterSpreadsheetTransport.name


def system_settings(tracking_system: str) -> dict:
    return dict(settings.TRACKING_SYSTEMS.get(tracking_system) or {})


def default_transport(tracking_system: str) -> str:
    return system_settings(tracking_system).get("transport", DEFAULT_TRANSPORT)


def default_endpoint(tracking_system: str) -> str:
    return system_settings(tracking_system).get("url", "")


def transport_for(*, name: str, tracking_system: str) -> Transport:
    if name == CEBrokerXMLTransport.name:
        timeout = float(system_settings(tracking_system).get("timeout", 30.0))
        return CEBrokerXMLTransport(timeout=timeout)
    return TRANSPORTS.get(name, RosterSpreadsheetTransport)()
