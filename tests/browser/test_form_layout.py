"""Issue 15 item 4: a checkbox or radio sits on the same line as its label, at
desktop and phone width."""

import pytest

from tests.browser.helpers import log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MISALIGNED = """() => {
  const off = [];
  for (const box of document.querySelectorAll(
      'main input[type=checkbox], main input[type=radio]')) {
    const label = box.labels && box.labels[0];
    if (!label) { off.push(box.id + ': no label'); continue; }
    const a = box.getBoundingClientRect(), b = label.getBoundingClientRect();
    const sameLine = Math.abs((a.top + a.bottom) / 2 - (b.top + b.bottom) / 2) < 14
      || (b.top <= (a.top + a.bottom) / 2 && (a.top + a.bottom) / 2 <= b.bottom);
    if (!sameLine) off.push(box.id);
  }
  return off;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_checkboxes_and_radios_share_a_line_with_their_labels(
    page, live_server, site_tree, caseworker, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in_as(page, live_server, caseworker)
    for path in ("/en/forum/ask/", "/en/notifications/", "/en/account/"):
        page.goto(path)
        assert page.evaluate(MISALIGNED) == [], path


def test_question_form_pickers_pass_axe_and_work_without_script(
    browser, live_server, site_tree, caseworker, municipalities, axe_check
):
    """Script off: the municipality is typed and resolved on the server; the
    "Find" step lists practices to tick; axe finds nothing serious."""
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    log_in_as(page, live_server, caseworker)
    page.goto("/en/forum/ask/")
    page.fill("#id_municipality", "sint jans molenbeek")
    page.fill("#id_practice_search", "interpreter")
    page.click("button[name=find_practices]")
    # The search step keeps what was typed and shows no error.
    assert page.input_value("#id_municipality") == "sint jans molenbeek"
    assert page.locator(".errorlist").count() == 0
    context.close()
    with_script = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = with_script.new_page()
    log_in_as(page, live_server, caseworker)
    page.goto("/en/forum/ask/")
    axe_check(page)
    with_script.close()
