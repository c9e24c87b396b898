"""Issue 15 items 4 and 8, checked on every main page that has a form: one primary
button per form, "All ..." or "Choose ..." instead of "---------" in selects, and a
page title that does not say the platform's name twice."""

from html.parser import HTMLParser

import pytest
from django.conf import settings

from tests.factories import PracticePageFactory, QuestionFactory

pytestmark = pytest.mark.django_db

NOT_PRIMARY = {"button--secondary", "link-button"}


class FormAudit(HTMLParser):
    """Per <form>: the submit buttons that look primary; the page's <title>; the
    texts of <option> elements."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[str]] = []
        self.depth = 0
        self.in_button = False
        self.in_title = False
        self.in_option = False
        self.title = ""
        self.options: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag == "form":
            self.depth += 1
            self.forms.append([])
        elif tag == "title":
            self.in_title = True
        elif tag == "option":
            self.in_option = True
            self.options.append("")
        elif (
            self.depth
            and not classes & NOT_PRIMARY
            and (
                (tag == "button" and attrs.get("type", "submit") == "submit")
                or (tag == "input" and attrs.get("type") == "submit")
            )
        ):
            self.forms[-1].append(attrs.get("value") or tag)
            self.in_button = tag == "button"

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth -= 1
        elif tag == "title":
            self.in_title = False
        elif tag == "option":
            self.in_option = False
        elif tag == "button":
            self.in_button = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.in_option:
            self.options[-1] += data
        if self.in_button and self.forms:
            self.forms[-1][-1] = data.strip() or self.forms[-1][-1]


def audit(client, url) -> FormAudit:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = FormAudit()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def pages(site_tree, caseworker, specialist, coordinator, client_for):
    from practices.library import practice_library_ensure

    practice_library_ensure()
    practice = PracticePageFactory(title="Interpreter pool shared by three centres")
    question = QuestionFactory(title="Who pays the interpreter for the intake?")
    return {
        caseworker: [
            "/en/",
            "/en/forum/",
            "/en/forum/ask/",
            question.get_absolute_url(),
            practice.url,
            "/en/practices/",
            "/en/specialists/",
            "/en/search/?q=interpreter",
            "/en/account/",
            "/en/notifications/",
            "/en/notifications/preferences/",
            "/en/accessibility-feedback/",
            "/en/signals/new/",
        ],
        specialist: [
            "/en/",
            "/en/practices/new/",
            "/en/specialists/profile/",
            "/en/forum/queue/",
        ],
        coordinator: [
            "/en/",
            "/en/coordination/",
            "/en/specialists/designations/",
            "/en/specialists/designations/new/",
            "/en/practices/review/",
            "/en/forum/moderation/",
            "/en/account/approvals/",
            "/en/signals/",
        ],
        None: ["/en/", "/en/practices/", "/en/accounts/signup/", "/en/accounts/login/"],
    }


def test_every_main_form_has_at_most_one_primary_button(pages, client_for):
    crowded, with_primary = {}, 0
    for user, urls in pages.items():
        client = client_for(user)
        for url in urls:
            for buttons in audit(client, url).forms:
                with_primary += bool(buttons)
                if len(buttons) > 1:
                    crowded[url] = buttons
    assert crowded == {}
    assert with_primary > 20  # the audit saw the forms it is about


def test_no_select_offers_dashes_and_titles_are_not_doubled(pages, client_for):
    dashed, doubled = [], {}
    for user, urls in pages.items():
        client = client_for(user)
        for url in urls:
            page = audit(client, url)
            if any(option.strip().startswith("---") for option in page.options):
                dashed.append(url)
            parts = [p.strip() for p in page.title.split("·")]
            if page.title.count(str(settings.PLATFORM_NAME)) > 1 or len(parts) != len(
                set(parts)
            ):
                doubled[url] = page.title
    assert dashed == []
    assert doubled == {}
