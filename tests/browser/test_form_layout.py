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
