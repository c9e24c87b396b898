"""Views are thin: no function or method in a ``views.py`` / ``*_views.py`` file is
longer than 40 lines (from ``def`` to its last line; decorators not counted)."""

from tests.architecture.layering import (
    VIEW_MAX_LINES,
    function_lengths,
    view_lengths,
)


def test_no_view_is_longer_than_forty_lines():
    too_long = [
        f"{path}:{line} {name}() has {length} lines"
        for path, line, name, length in view_lengths()
        if length > VIEW_MAX_LINES
    ]
    assert not too_long, (
        f"Views over {VIEW_MAX_LINES} lines (move reads to selectors, writes to "
        "services):\n" + "\n".join(too_long)
    )


def test_the_measure_catches_a_long_method():
    body = "\n".join(f"        x{i} = {i}" for i in range(45))
    source = f"class Page:\n    @login_required\n    def get(self, request):\n{body}\n"
    assert function_lengths(source, "x/views.py") == [("x/views.py", 3, "get", 46)]
    assert VIEW_MAX_LINES < 46


def test_every_app_with_views_is_measured():
    measured = {path.split("/", 1)[0] for path, *_ in view_lengths()}
    assert {"exchange", "forum", "practices", "specialists", "search"} <= measured
    assert "coordination" in measured
