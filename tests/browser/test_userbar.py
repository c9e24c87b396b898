"""Issue 15 item 10: Wagtail's user bar covers nothing a reader needs."""

import pytest

from tests.browser.helpers import log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OVERLAPPING = """(trigger) => {
  const bar = trigger.getBoundingClientRect();
  const hits = [];
  for (const el of document.querySelectorAll(
      'a, button, input, select, textarea, summary, label')) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    if (box.right > bar.left && box.left < bar.right &&
        box.bottom > bar.top && box.top < bar.bottom) {
      hits.push(el.outerHTML.slice(0, 80));
    }
  }
  return hits;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_user_bar_sits_below_the_footer_and_covers_no_link_or_control(
    page, live_server, site_tree, specialist, width
):
    page.set_viewport_size({"width": width, "height": 800})
    log_in_as(page, live_server, specialist)
    for path in ("/en/", "/en/practices/"):
        page.goto(path)
        trigger = page.locator("#wagtail-userbar-trigger")
        assert trigger.count() == 1, "the user bar is shown to editors"
        # Not floating over the first screen of the page ...
        assert trigger.evaluate(OVERLAPPING) == []
        box = trigger.bounding_box()
        assert (
            box["y"]
            > page.evaluate(
                "document.querySelector('.site-footer').getBoundingClientRect().bottom"
            )
            - 1
        ), "the bar sits below the footer, not over the page"
        # ... nor over the footer's links at the end.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        assert trigger.evaluate(OVERLAPPING) == []
