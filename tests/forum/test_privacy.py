"""The privacy guard: client data is refused before anything is saved."""

import pytest

from exchange.core.privacy import find_personal_data
from forum.models import Answer, Comment, Question
from tests.factories import AnswerFactory, QuestionFactory

VALID_INSZ = "85.07.30-033.28"
VALID_INSZ_2000 = "00012556777"  # born in 2000: the checksum uses a leading 2
VALID_IBAN = "BE71 0961 2345 6769"


def kinds(text):
    return [f.kind for f in find_personal_data(text)]


@pytest.mark.parametrize(
    "text",
    [
        f"Client {VALID_INSZ} asks for help",
        "INSZ 85073003328 in the file",
        "rijksregisternummer 85 07 30 033 28",
    ],
)
def test_valid_national_register_number_is_found(text):
    assert kinds(text) == ["national_number"]


@pytest.mark.parametrize(
    "text",
    [
        "Client 85.07.30-033.27 asks",  # wrong checksum
        "dossier 85073003329",  # wrong checksum
        "case 12345678901",  # eleven digits, not a national number
        "in 2024 we had 120 files and 35 interpreters",
    ],
)
def test_near_miss_numbers_are_not_flagged(text):
    assert "national_number" not in kinds(text)
    assert "bis_number" not in kinds(text)


def test_number_of_someone_born_after_2000_is_found():
    from stdnum.be import nn

    assert nn.is_valid(VALID_INSZ_2000) or pytest.skip("example not valid")
    assert kinds(f"nummer {VALID_INSZ_2000}") == ["national_number"]


def test_bis_number_is_found():
    from stdnum.be import bis

    # A BIS number: month + 40 (gender known); checksum computed like the NN.
    base = "854730033"
    check = 97 - int(base) % 97
    number = f"{base}{check:02d}"
    assert bis.is_valid(number)
    assert kinds(f"bisnummer {number}") == ["bis_number"]


def test_iban_is_found_only_with_a_valid_checksum():
    assert kinds(f"rekening {VALID_IBAN}") == ["iban"]
    assert kinds("rekening BE71 0961 2345 6768") == []


@pytest.mark.parametrize(
    "text",
    ["mail naar jan.peeters@gmail.com", "écrire à marie@example.be"],
)
def test_email_address_is_found(text):
    assert kinds(text) == ["email"]


@pytest.mark.parametrize(
    "text",
    ["bel 0470 12 34 56", "tel. +32 470 12 34 56", "09 123 45 67", "02/555.12.34"],
)
def test_belgian_phone_number_is_found(text):
    assert kinds(text) == ["phone"]


@pytest.mark.parametrize(
    "text",
    [
        "on 03/12/2026 at 14 o'clock",
        "artikel 60 §7 for 12 months",
        "a budget of 1 234 567 euro",
    ],
)
def test_dates_articles_and_amounts_are_not_phone_numbers(text):
    assert kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "woont in de Kerkstraat 12 bus 3",
        "op de Grote Markt 7",
        "habite rue de la Loi 16",
        "au 16 rue de la Loi",
        "avenue Louise 54 bte 3",
        "wohnt in der Hauptstraße 5",
        "Aachener Straße 12",
    ],
)
def test_street_addresses_in_three_languages_are_found(text):
    assert kinds(text) == ["address"]


@pytest.mark.parametrize(
    "text",
    [
        "de Kerkstraat is een drukke straat",
        "la rue est longue",
        "die Straße ist gesperrt",
        "we doen dat al 12 jaar",
    ],
)
def test_streets_without_house_number_are_not_addresses(text):
    assert kinds(text) == []


def test_question_with_a_valid_insz_is_refused_and_the_text_kept(
    client_for, caseworker, theme
):
    body = f"Mijn cliënt met INSZ {VALID_INSZ} wacht op zijn leefloon."
    response = client_for(caseworker).post(
        "/nl/forum/ask/",
        {
            "title": "Hoe lang mag een beslissing over leefloon duren?",
            "body": body,
            "themes": [theme.pk],
            "language": "nl",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert VALID_INSZ in page  # shown as what was found, and kept in the form
    assert "INSZ/NISS" in page
    assert body in page.replace("&#x27;", "'")
    assert not Question.objects.exists()


def test_question_with_a_near_miss_number_is_posted(client_for, caseworker, theme):
    response = client_for(caseworker).post(
        "/en/forum/ask/",
        {
            "title": "Our case number format looks like a national number",
            "body": "Case 85.07.30-033.27 is waiting for the committee.",
            "themes": [theme.pk],
            "language": "en",
        },
    )
    assert response.status_code == 302
    assert Question.objects.count() == 1


def test_answer_with_a_phone_number_is_refused(client_for, specialist):
    question = QuestionFactory()
    response = client_for(specialist).post(
        f"/en/forum/questions/{question.pk}/answer/",
        {"body": "Call the client on 0470 12 34 56 tomorrow."},
    )
    assert response.status_code == 400
    assert "phone number" in response.content.decode()
    assert "0470 12 34 56" in response.content.decode()
    assert not Answer.objects.exists()


def test_comment_with_an_iban_is_refused(client_for, caseworker):
    answer = AnswerFactory()
    response = client_for(caseworker).post(
        f"/en/forum/answers/{answer.pk}/comment/",
        {"body": f"Pay to {VALID_IBAN} please"},
    )
    assert response.status_code == 400
    assert "IBAN" in response.content.decode()
    assert not Comment.objects.exists()


def test_edit_adding_an_address_is_refused_and_keeps_the_old_text(
    client_for, caseworker, theme
):
    question = QuestionFactory(author=caseworker, body="Original clean text.")
    response = client_for(caseworker).post(
        f"/en/forum/questions/{question.pk}/edit/",
        {
            "title": question.title,
            "body": "The family lives at Kerkstraat 12 in Gent.",
            "themes": [theme.pk],
            "language": "en",
        },
    )
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.body == "Original clean text."


def test_guard_message_is_translated(client_for, caseworker, theme):
    caseworker.language = "fr"
    caseworker.save()
    response = client_for(caseworker).post(
        "/fr/forum/ask/",
        {
            "title": "Comment contacter ce client rapidement ?",
            "body": "Son adresse e-mail est client@exemple.be",
            "themes": [theme.pk],
            "language": "fr",
        },
    )
    assert response.status_code == 400
    assert "données personnelles" in response.content.decode()
