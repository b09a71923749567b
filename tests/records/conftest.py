import pytest

from records.tracking.fake_cebroker import FakeCEBrokerServer


@pytest.fixture
def fake_cebroker():
    """The fake CE Broker on a free localhost port, for one test."""
    with FakeCEBrokerServer() as server:
        yield server
