"""Apps own their search documents: search knows no app, the apps register with it."""

import ast
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.taxonomy.models import Theme
from search import adapters as registry
from search.adapters import Adapter, register
from search.indexing import IndexItem
from search.models import Audience, IndexEvent, SearchDocument
from search.service import search
from search.signals import _TRACKED

SEARCH_DIR = Path(__file__).resolve().parents[2] / "search"
APPS = ("practices", "forum", "specialists", "coordination")


def _violations(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        for name in names:
            if name.split(".")[0] in APPS:
                found.append(f"{path}:{node.lineno} imports {name}")
        if isinstance(node, ast.Call):
            func = node.func
            called = getattr(func, "attr", None) or getattr(func, "id", None)
            if called in ("get_model", "import_module", "import_string"):
                strings = [
                    a.value
                    for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                # A migration may read search's own historical models.
                if strings and strings[0].split(".")[0] != "search":
                    found.append(f"{path}:{node.lineno} {called}({strings[0]!r})")
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            # Model labels and dotted paths naming an app ("forum.Question").
            head = node.value.split(".")[0]
            if head in APPS and "." in node.value and " " not in node.value:
                found.append(f"{path}:{node.lineno} names {node.value!r}")
        if isinstance(node, ast.ClassDef) and node.name == "AnyMember":
            found.append(f"{path}:{node.lineno} fakes a user ({node.name})")
    return found


def test_search_imports_no_app_and_looks_up_no_model_by_string():
    files = sorted(SEARCH_DIR.rglob("*.py"))
    assert len(files) > 20
    violations = [v for path in files for v in _violations(path)]
    assert violations == []


def test_the_checker_catches_what_it_forbids(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from practices.models import PracticePage\n"
        "import forum.selectors\n"
        "from django.apps import apps\n"
        "apps.get_model('specialists', 'Designation')\n"
        "LABEL = 'coordination.Signal'\n"
        "class AnyMember: pass\n"
    )
    assert len(_violations(bad)) == 5


def test_each_app_registers_its_own_documents():
    owners = {
        doc_type: type(adapter).__module__
        for doc_type, adapter in registry.ADAPTERS.items()
    }
    assert owners == {
        "practice": "practices.search_documents",
        "collection": "practices.search_documents",
        "question": "forum.search_documents",
        "answer": "forum.search_documents",
        "specialist": "specialists.search_documents",
    }
    # Facet labels come from the apps too.
    assert set(registry.FACET_SOURCES) >= {
        "theme",
        "target_group",
        "region",
        "province",
        "municipality",
    }


class ThemeAdapter(Adapter):
    """An adapter as an app would write one: themes, public, one document each."""

    doc_type = "theme-test"
    model = Theme

    def index_queryset(self):
        return Theme.objects.exclude(description="private")

    def audience(self, obj):
        return Audience.PUBLIC

    def to_item(self, theme) -> IndexItem:
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(theme),
            language="en",
            title=theme.name_en,
            body=theme.description,
            url=f"/en/themes/{theme.slug}/",
            audience=self.audience(theme),
        )


@pytest.fixture
def theme_adapter():
    adapter = register(ThemeAdapter())
    yield adapter
    registry.ADAPTERS.pop(adapter.doc_type, None)
    _TRACKED[Theme] = [
        f for f in _TRACKED.get(Theme, []) if f._search_doc_type != adapter.doc_type
    ]


@pytest.mark.django_db
@pytest.mark.cluster_gap(
    "a type registered after the cluster's indexes were made has no index there: "
    "its outbox event stays pending until a rebuild"
)
def test_a_registered_adapters_model_changes_reach_the_index(
    theme_adapter, django_capture_on_commit_callbacks
):
    def documents():
        return SearchDocument.objects.filter(doc_type=theme_adapter.doc_type)

    with django_capture_on_commit_callbacks(execute=True):
        theme = Theme.objects.create(
            slug="winter-shelter",
            name_nl="Winteropvang",
            name_fr="Accueil hivernal",
            name_de="Winterunterkunft",
            name_en="Winter shelter",
            description="Beds for the cold nights",
        )
    assert documents().get().title == "Winter shelter"
    assert not IndexEvent.objects.exists()
    found = search("cold nights", user=AnonymousUser(), language="en", log=False)
    assert [r.title for r in found.results] == ["Winter shelter"]

    # An edit is searchable at once; a change that makes it unindexable removes it.
    with django_capture_on_commit_callbacks(execute=True):
        theme.description = "Blankets and soup"
        theme.save()
    assert documents().get().body == "Blankets and soup"
    with django_capture_on_commit_callbacks(execute=True):
        theme.description = "private"
        theme.save()
    assert not documents().exists()

    # Registering again does not double the signal wiring.
    register(ThemeAdapter())
    with django_capture_on_commit_callbacks() as callbacks:
        theme.description = "Open all winter"
        theme.save()
    assert IndexEvent.objects.count() == 1
    for callback in callbacks:
        callback()
    assert documents().get().body == "Open all winter"
    with django_capture_on_commit_callbacks(execute=True):
        theme.delete()
    assert not documents().exists()
