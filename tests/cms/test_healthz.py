import pytest

from tests.cms.outage import database_down


@pytest.mark.django_db
def test_healthz_is_ok_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"
