import pytest
from django.test import RequestFactory

from cms.errors import server_error


@pytest.mark.django_db
def test_404_page_uses_the_site_design(client, home):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "find that page" in html
    assert 'class="site-header"' in html


def test_500_page_renders_without_the_database_or_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
