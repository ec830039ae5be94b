"""Every chart stored in the notebooks has the reading aids the figure grammar gives.

Checked on the stored outputs, so a chart drawn with plain Altair, or with the grammar before a
change to it, is caught without running a notebook: a title and a description that says what
the chart finds, axis titles, a legend for two or more series, tooltips, marks hidden from
screen readers, a declared fit for the book's column, no yellow lines, and a specification
that Vega-Lite 5 compiles (JupyterLab 4.6 draws charts with Vega-Lite 5.6; vl-convert's oldest
is 5.8) and that is valid against Altair's Vega-Lite schema (checked here rather than at every
display in a notebook).
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import vl_convert as vlc
from altair.vegalite.v6.schema.core import Root

from mctools._display import CHART_MIME_TYPE

BOOK = Path(__file__).resolve().parents[1] / "book"


def stored_charts() -> list[tuple[str, dict, str]]:
    found = []
    for path in sorted(BOOK.glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                data = output.get("data", {})
                if CHART_MIME_TYPE in data:
                    figure = cell["metadata"].get("mystnb", {}).get("figure", {}).get("name", cell["id"])
                    text = "".join(data.get("text/plain", ""))
                    found.append((f"{path.stem}:{figure}", data[CHART_MIME_TYPE], text))
    return found


CHARTS = stored_charts()


def views(spec: dict) -> list[dict]:
    if "layer" in spec:
        return [v for layer in spec["layer"] for v in views(layer)]
    for key in ("concat", "vconcat", "hconcat"):
        if key in spec:
            return [v for child in spec[key] for v in views(child)]
    if "spec" in spec:
        return views(spec["spec"])
    return [spec] if "mark" in spec else []


def mark_of(view: dict) -> dict:
    return view["mark"] if isinstance(view["mark"], dict) else {"type": view["mark"]}


@pytest.mark.parametrize(("name", "spec", "text"), CHARTS, ids=[c[0] for c in CHARTS])
def test_stored_chart_has_its_reading_aids(name, spec, text):
    title = spec.get("title", {})
    assert isinstance(title, dict) and title.get("text"), f"{name}: no title stating the finding"
    description = spec.get("description", "")
    assert len(description) >= 40, f"{name}: no description for screen readers"
    assert description in text, f"{name}: the text/plain stand-in does not carry the description"
    marks = views(spec)
    assert marks and all(mark_of(v).get("aria") is False for v in marks), f"{name}: a mark is exposed to screen readers"
    assert any("tooltip" in v.get("encoding", {}) for v in marks), f"{name}: no tooltips on data marks"
    data_marks = [v for v in marks if "tooltip" in v.get("encoding", {})]
    assert all(v["encoding"]["x"].get("title") for v in data_marks), f"{name}: an x axis without a title"
    for view in marks:
        color = view.get("encoding", {}).get("color", {})
        domain = color.get("scale", {}).get("domain", [])
        if isinstance(domain, list) and len(domain) >= 2 and color.get("field") == "series":
            assert color.get("legend"), f"{name}: {len(domain)} series but no legend"
    assert spec.get("usermeta", {}).get("course", {}).get("fit") in ("x", "panels", "cells"), f"{name}: no declared fit"
    assert "#F0E442" not in json.dumps(spec).upper(), f"{name}: Okabe–Ito yellow is too faint for a line on white"
    vlc.vegalite_to_vega(spec, vl_version="5.8")


@pytest.mark.parametrize("spec", [c[1] for c in CHARTS], ids=[c[0] for c in CHARTS])
def test_stored_chart_is_valid_vega_lite(spec):
    """The schema check a course chart skips when it is displayed (mctools/_display.py), run here.

    As Altair runs it: on the specification before its inline rows are moved into ``datasets``
    (each row would be checked against every kind of value, seconds a chart); the rows are JSON
    values by construction (charts.records).
    """
    Root.validate({key: value for key, value in spec.items() if key != "datasets"})


def test_the_schema_check_refuses_a_misspelt_specification():
    wrong = json.loads(json.dumps(CHARTS[0][1]))
    wrong.pop("datasets", None)
    wrong["titel"] = wrong.pop("title")
    with pytest.raises(jsonschema.ValidationError, match="titel"):
        Root.validate(wrong)


def test_the_book_has_charts():
    assert len(CHARTS) >= 40
