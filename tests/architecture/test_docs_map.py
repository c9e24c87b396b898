"""docs/architecture.md tells the truth: its arrow list is the code's (issue 14)."""

import importlib.util

from tests.architecture.layering import ROOT, all_imports, arrows


def _report_module():
    spec = importlib.util.spec_from_file_location(
        "layer_report", ROOT / "scripts" / "layer_report.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_documented_arrows_are_the_arrows_of_the_code():
    report = _report_module()
    documented = report.doc_arrows((ROOT / report.DOC).read_text(encoding="utf-8"))
    in_code = arrows(all_imports())
    assert documented, "docs/architecture.md has no generated arrow list"
    missing = sorted(set(in_code) - set(documented))
    stale = sorted(set(documented) - set(in_code))
    assert not missing and not stale, (
        f"arrows in the code but not in the doc: {missing}; "
        f"in the doc but not in the code: {stale}. "
        "Run: python scripts/layer_report.py --write-doc"
    )


def test_the_comparison_notices_a_new_arrow():
    report = _report_module()
    text = (
        f"{report.BEGIN}\n```\nforum -> exchange\n"
        f"search -> forum  # against the layers: x\n```\n{report.END}\n"
    )
    assert report.doc_arrows(text) == ["forum -> exchange", "search -> forum"]
    assert set(arrows(all_imports())) != set(report.doc_arrows(text))


def test_the_layer_report_prints_the_figures(capsys):
    report = _report_module()
    report.main([])
    out = capsys.readouterr().out
    assert "imports against the layers:" in out
    assert "imports inside functions between apps:" in out
    assert "largest view:" in out
    assert "lines of demo/bench code in product apps:" in out
