import pytest

from certificates import services as certificate_services
from tests.quizzes.conftest import bank, enrollment, module, school, student  # noqa: F401


@pytest.fixture
def received(monkeypatch):
    """The enrolments whose certificate the hub started, in order (once per completion)."""
    calls = []
    create_pending = certificate_services.certificate_create_pending

    def recording(**kwargs):
        calls.append(kwargs["enrollment"].pk)
        return create_pending(**kwargs)

    monkeypatch.setattr(certificate_services, "certificate_create_pending", recording)
    return calls
