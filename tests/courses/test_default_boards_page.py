"""The boards a learner usually needs are shown on the profile, which links to the page where
they are chosen without going through a course."""

import pytest
from django.urls import reverse

from courses.models import AccreditingBody, LearnerBoard
from courses.services import learner_boards_set
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PROFILE = reverse("accounts:profile")
BOARDS = reverse("courses:default_boards")


@pytest.fixture
def bodies(db):
    return {
        abbreviation: AccreditingBody.objects.get_or_create(
            abbreviation=abbreviation, defaults={"name": name}
        )[0]
        for abbreviation, name in [
            ("NCBTMB", "National Certification Board for Therapeutic Massage & Bodywork"),
            ("FL-BMT", "Florida Board of Massage Therapy"),
            ("TX-DSHS", "Texas Department of State Health Services"),
        ]
    }


@pytest.fixture
def learner(db):
    return UserFactory()


def test_the_profile_shows_no_choice_yet_and_links_to_the_boards_page(client, learner, bodies):
    client.force_login(learner)
    html = client.get(PROFILE).content.decode()
    assert "You have not chosen usual boards" in html
    assert f'<a href="{BOARDS}">Change your usual boards</a>' in html


def test_the_profile_shows_the_current_choice(client, learner, bodies):
    learner_boards_set(user=learner, body_ids=[bodies["FL-BMT"].pk, bodies["NCBTMB"].pk])
    learner_boards_set(user=UserFactory(), body_ids=[bodies["TX-DSHS"].pk])
    client.force_login(learner)
    html = client.get(PROFILE).content.decode()
    assert (
        "Your usual boards: Florida Board of Massage Therapy (FL-BMT), National Certification "
        "Board for Therapeutic Massage &amp; Bodywork (NCBTMB)." in html
    )
    assert "TX-DSHS" not in html


def test_the_boards_page_shows_the_choice_and_saves_a_new_one(client, learner, bodies):
    learner_boards_set(user=learner, body_ids=[bodies["NCBTMB"].pk])
    client.force_login(learner)
    html = client.get(BOARDS).content.decode()
    assert f'value="{bodies["NCBTMB"].pk}" id="id_bodies_' in html
    assert html.count("checked") == 1

    response = client.post(BOARDS, {"bodies": [bodies["FL-BMT"].pk, bodies["TX-DSHS"].pk]})

    assert response.status_code == 302 and response["Location"] == PROFILE
    assert set(
        LearnerBoard.objects.filter(user=learner).values_list("body__abbreviation", flat=True)
    ) == {"FL-BMT", "TX-DSHS"}
    assert "Your usual boards were saved." in client.get(PROFILE).content.decode()


def test_choosing_none_clears_the_choice(client, learner, bodies):
    learner_boards_set(user=learner, body_ids=[bodies["NCBTMB"].pk])
    client.force_login(learner)
    assert client.post(BOARDS, {}).status_code == 302
    assert not LearnerBoard.objects.filter(user=learner).exists()


def test_an_unknown_board_is_a_form_error_and_changes_nothing(client, learner, bodies):
    learner_boards_set(user=learner, body_ids=[bodies["NCBTMB"].pk])
    client.force_login(learner)
    response = client.post(BOARDS, {"bodies": [999_999]})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert list(LearnerBoard.objects.filter(user=learner).values_list("body_id", flat=True)) == [
        bodies["NCBTMB"].pk
    ]


def test_the_boards_page_needs_a_login(client, bodies):
    response = client.get(BOARDS)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
