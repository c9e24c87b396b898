"""The layering of docs/architecture.md holds for every import between the apps.

Walks every .py under the project apps (module-level and function-level imports,
``importlib.import_module("...")``, ``import_string("...")`` and
``apps.get_model("app", ...)``) and fails on any arrow against the layers."""

from tests.architecture.layering import (
    ROOT,
    RULE_DEMO,
    RULE_LAYERS,
    RULE_SEARCH,
    RULE_SEARCH_ABOVE,
    all_imports,
    guarded_app_imports,
    imports_in_source,
    project_files,
    violations,
)


def _check(source: str, path: str) -> list[str]:
    module = path.removesuffix(".py").replace("/", ".")
    return [str(v) for v in violations(imports_in_source(source, path, module))]


def test_no_import_runs_against_the_layers():
    found = violations(all_imports())
    assert not found, "Imports against the layers:\n" + "\n".join(map(str, found))


def test_an_upward_import_inside_a_function_is_caught():
    source = (
        "def answers_of(person):\n"
        "    from forum.selectors import questions_visible_to\n"
        "    return questions_visible_to(person)\n"
    )
    found = _check(source, "specialists/views.py")
    assert found == [
        "specialists/views.py:2: specialists imports forum.selectors (forum): "
        + RULE_LAYERS
    ]


def test_module_level_relative_and_string_imports_are_caught():
    source = (
        "import importlib\n"
        "from django.apps import apps\n"
        "from coordination import audit\n"
        "importlib.import_module('forum.models')\n"
        "apps.get_model('forum', 'Answer')\n"
        "apps.get_model('practices.PracticePage')\n"
        "from ..forum import models\n"
    )
    found = _check(source, "practices/selectors.py")
    assert [line.split(":")[1] for line in found] == ["3", "4", "5", "7"]
    assert all(RULE_LAYERS in line for line in found)


def test_downward_and_same_app_imports_pass():
    source = (
        "from exchange.core.panels import register_panel\n"
        "from specialists.models import Municipality\n"
        "from practices.selectors import practices_visible_to\n"
        "from search import service\n"
        "from . import selectors\n"
        "def f():\n"
        "    from forum.models import Question\n"
    )
    assert _check(source, "forum/views.py") == []


def test_search_imports_only_exchange_and_exchange_not_search():
    assert _check("from forum.models import Question\n", "search/adapters.py") == [
        "search/adapters.py:1: search imports forum.models (forum): " + RULE_SEARCH
    ]
    assert _check(
        "from django.apps import apps\napps.get_model('specialists', 'Centre')\n",
        "search/signals.py",
    ) == [
        "search/signals.py:2: search imports specialists:Centre (specialists): "
        + RULE_SEARCH
    ]
    assert _check("from exchange.core import locale\n", "search/service.py") == []
    assert _check("from search import service\n", "exchange/home/models.py") == [
        "exchange/home/models.py:1: exchange imports search (search): "
        + RULE_SEARCH_ABOVE
    ]


def test_demo_imports_anything_and_nothing_imports_demo():
    assert _check("from coordination import services\n", "demo/seed.py") == []
    assert _check("from demo import synthetic\n", "forum/services.py") == [
        "forum/services.py:1: forum imports demo (demo): " + RULE_DEMO
    ]


def test_the_composition_root_wires_every_app():
    assert _check("from coordination import urls\n", "exchange/urls.py") == []
    assert _check("from forum.api import router\n", "exchange/api.py") == []


def test_no_except_import_error_between_the_apps():
    """A guarded import hid the ties between apps from every tool (issue 14)."""
    found = []
    for path in project_files():
        rel = path.relative_to(ROOT).as_posix()
        for line in guarded_app_imports(path.read_text(encoding="utf-8"), rel):
            found.append(f"{rel}:{line}")
    assert found == [], "try/except ImportError between apps:\n" + "\n".join(found)


def test_a_guarded_import_is_caught():
    source = (
        "def f():\n"
        "    try:\n"
        "        from practices.selectors import practices_visible_to\n"
        "    except ImportError:\n"
        "        return []\n"
    )
    assert guarded_app_imports(source, "forum/forms.py") == [3]
