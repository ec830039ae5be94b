"""The figure grammar: every chart gets its reading aids, and bad arguments are refused by name."""

from __future__ import annotations

import json

import altair as alt
import numpy as np
import pytest
import vl_convert as vlc

import mctools as mc
from mctools import charts
from mctools.charts.style import _PLASMA

DESCRIPTION = "Two curves against x: the first rises, the second falls; they cross at one half."
YELLOW = "#F0E442"


def data_rows(spec: dict) -> list[dict]:
    """The rows of a chart's data: inline data is stored in the top-level ``datasets``, by name."""
    data = spec["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def marks(spec: dict) -> list[dict]:
    """Every unit view (layer) of a specification, facets and layers unwrapped."""
    if "layer" in spec:
        return [m for layer in spec["layer"] for m in marks(layer)]
    if "concat" in spec:
        return [m for view in spec["concat"] for m in marks(view)]
    return [spec] if "mark" in spec else []


def mark_type(view: dict) -> str:
    return view["mark"]["type"] if isinstance(view["mark"], dict) else view["mark"]


def simple(**options) -> dict:
    x = np.linspace(0, 1, 11)
    defaults = dict(title="Rise and fall", description=DESCRIPTION, x="x (units)", y="y (units)")
    layers = options.pop("layers", None) or [charts.lines(x, {"rise": x, "fall": 1 - x})]
    return charts.figure(*layers, **(defaults | options)).to_dict()


def compiles(spec: dict) -> None:
    """The spec compiles with the oldest Vega-Lite 5 vl-convert has (JupyterLab draws 5.6) and 6."""
    for version in ("5.8", "6.4"):
        vlc.vegalite_to_vega(spec, vl_version=version)


def test_figure_carries_title_subtitle_description_and_axis_titles():
    spec = simple(subtitle="lines: theory")
    assert spec["title"] == {"text": "Rise and fall", "subtitle": "lines: theory"}
    assert spec["description"] == DESCRIPTION
    line = next(m for m in marks(spec) if mark_type(m) == "line")
    assert (line["encoding"]["x"]["title"], line["encoding"]["y"]["title"]) == ("x (units)", "y (units)")
    compiles(spec)


def test_every_mark_is_hidden_from_screen_readers_and_data_marks_have_tooltips():
    x = np.linspace(0, 1, 5)
    spec = simple(
        layers=[
            charts.band(x, x - 0.1, x + 0.1, series="band"),
            charts.lines(x, {"a": x, "b": x**2}),
            charts.points(x, {"a": x}, low={"a": x - 0.1}, high={"a": x + 0.1}),
            charts.rule(x=0.5, label="half"),
        ]
    )
    views = marks(spec)
    assert all(v["mark"]["aria"] is False for v in views)
    tooltips = [v for v in views if "tooltip" in v["encoding"]]
    # one hover layer for each line and band, the dots themselves; none on guides
    assert len(tooltips) == 3
    titles = {t["title"] for v in tooltips for t in v["encoding"]["tooltip"]}
    assert {"x (units)", "y (units)", "series"} <= titles
    compiles(spec)


def test_a_legend_appears_with_two_series_and_not_with_one():
    x = np.linspace(0, 1, 5)
    two = simple(layers=[charts.lines(x, {"a": x, "b": x**2})])
    one = simple(layers=[charts.lines(x, {"a": x})])
    legend_of = lambda spec: marks(spec)[0]["encoding"]["color"]["legend"]  # noqa: E731
    assert legend_of(two)["symbolType"] == "stroke"
    assert legend_of(one) is None


def test_legend_glyph_says_how_each_series_is_drawn():
    x = np.linspace(0, 1, 5)
    spec = simple(layers=[charts.lines(x, {"theory": x}, dash=True), charts.points(x, {"simulated": x})])
    color = marks(spec)[0]["encoding"]["color"]
    assert "datum.value === 'simulated' ? 'circle'" in color["legend"]["symbolType"]["expr"]
    dash = marks(spec)[0]["encoding"]["strokeDash"]["scale"]
    assert dash == {"domain": ["theory", "simulated"], "range": [[6, 4], [1, 0]]}


def test_class_colours_are_kept_and_no_series_is_yellow():
    x = np.linspace(0, 1, 5)
    names = {f"s{i}": x * i for i in range(7)}
    spec = simple(layers=[charts.lines(x, {"dog": x, "cat": x**2, **names})])
    scale = marks(spec)[0]["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours["dog"] == charts.CLASS_COLORS["dog"] and colours["cat"] == charts.CLASS_COLORS["cat"]
    assert YELLOW not in json.dumps(spec)
    assert YELLOW not in charts.SERIES_COLORS


def test_ordered_series_run_dark_to_light_with_contrast_on_white():
    def luminance(hex_colour: str) -> float:
        c = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
        c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
        return float(c @ [0.2126, 0.7152, 0.0722])

    lum = [luminance(c) for c in _PLASMA]
    assert lum == sorted(lum)  # ordered in lightness: every colour-vision type can rank them
    assert all(1.05 / (v + 0.05) >= 3.3 for v in lum)  # WCAG contrast on white
    assert charts.ordered_colors(3) == [_PLASMA[0], _PLASMA[3], _PLASMA[6]]


def test_single_view_declares_it_follows_its_container_but_stores_a_fixed_width():
    spec = simple()
    assert spec["width"] == 480 and spec["usermeta"]["course"]["fit"] == "x"  # JupyterLab hangs on "container"
    assert "autosize" not in spec


def test_small_multiples_wrap_and_keep_one_dataset():
    x = np.linspace(0, 1, 5)
    layers = [charts.lines(x, {"a": x * k, "b": x}, panel=f"k = {k}") for k in (1, 2, 3)]
    spec = simple(layers=layers, independent_y=True)
    assert spec["columns"] == 3 and [view["title"]["text"] for view in spec["concat"]] == ["k = 1", "k = 2", "k = 3"]
    # each panel draws only its own layer (and guides): no panel holds an empty layer
    assert [{json.dumps(m["transform"][0]) for m in marks(view)} for view in spec["concat"]] == [
        {json.dumps({"filter": f"(datum.layer === {i})"})} for i in range(3)
    ]
    assert spec["usermeta"]["course"] == spec["usermeta"]["course"] | {"fit": "panels", "columns": 3}
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert len(data_rows(spec)) == 3 * 2 * 5
    compiles(spec)


def test_a_slider_shows_one_frame_of_each_framed_layer():
    grid = np.linspace(0, 1, 5)
    frames = np.array([1.0, 2.0, 3.0])
    curves = grid[None, :] ** frames[:, None]
    spec = simple(
        layers=[charts.lines(grid, {"power": curves}, frame=frames), charts.rule(y=0.5)],
        control=charts.slider("k", frames, "power k ", start=2.0),
    )
    assert spec["params"][0]["value"] == 2.0 and spec["params"][0]["bind"]["input"] == "range"
    line = next(m for m in marks(spec) if mark_type(m) == "line")
    assert any("frame" in json.dumps(t) for t in line["transform"])
    rule = next(m for m in marks(spec) if mark_type(m) == "rule")
    assert not any("frame" in json.dumps(t) for t in rule["transform"])
    compiles(spec)


def test_a_menu_selects_frames_by_name():
    grid = np.linspace(0, 1, 5)
    spec = simple(
        layers=[charts.lines(grid, {"y": np.stack([grid, grid**2])}, frame=["linear", "square"])],
        control=charts.menu("shape", ["linear", "square"], "shape "),
    )
    assert spec["params"][0]["bind"] == {"input": "select", "options": ["linear", "square"], "name": "shape "}
    compiles(spec)


def test_lines_accept_many_paths_with_repeated_names_and_leave_gaps_for_nan():
    x = np.arange(4.0)
    paths = np.array([[0, 1, 2, 3], [3, 2, np.nan, 0], [1, 1, 1, 1]], dtype=float)
    layer = charts.lines(x, paths, series=["up", "down", "up"])
    assert layer.series == ("up", "down")
    assert [r["group"] for r in layer.rows] == [0] * 4 + [1] * 4 + [2] * 4
    assert layer.rows[6]["y"] is None


def test_points_with_error_bars_draw_a_rule_per_dot():
    x = np.arange(3.0)
    spec = simple(layers=[charts.points(x, {"sim": x}, low={"sim": x - 1}, high={"sim": x + 1})])
    rule = next(m for m in marks(spec) if mark_type(m) == "rule")
    assert rule["encoding"]["y"]["field"] == "low" and rule["encoding"]["y2"]["field"] == "high"


def test_cobweb_walks_the_map_like_mctools_cobweb():
    def halve(x):
        return x / 2 + 0.25

    spec = charts.cobweb(
        halve, start=0.9, steps=3, curve_name="G", walk_name="walk", title="t", description=DESCRIPTION, x="x", y="y"
    ).to_dict()
    walk = [r for r in data_rows(spec) if r.get("series") == "walk"]
    x, y = mc.cobweb(halve, 0.9, 3)
    np.testing.assert_allclose([r["x"] for r in walk], x)
    np.testing.assert_allclose([r["y"] for r in walk], y)
    compiles(spec)


def test_cobweb_over_frames_starts_each_walk_where_asked():
    frames = np.array([0.2, 0.6])
    spec = charts.cobweb(
        lambda x, v: v + 0 * x,
        start=frames,
        steps=2,
        frame=frames,
        control=charts.slider("v", frames, "v "),
        curve_name="G",
        walk_name="walk",
        title="t",
        description=DESCRIPTION,
        x="x",
        y="y",
    ).to_dict()
    firsts = [r for r in data_rows(spec) if r.get("series") == "walk" and r["order"] == 0]
    assert [(r["frame"], r["x"]) for r in firsts] == [(0.2, 0.2), (0.6, 0.6)]


def test_heatmap_labels_categorical_cells_or_uses_edges():
    values = np.arange(6.0).reshape(2, 3)
    cats = charts.heatmap([0.5, 0.75, 1.0], [1, 2], values, column_format="{:.2f}", **_texts()).to_dict()
    assert {r["x"] for r in data_rows(cats)} == {"0.50", "0.75", "1.00"}
    edges = charts.heatmap(np.arange(4.0), np.array([1.0, 10.0, 100.0]), values, **_texts()).to_dict()
    assert data_rows(edges)[0] | {"x": 0.0, "x2": 1.0, "y": 1.0, "y2": 10.0} == data_rows(edges)[0]
    compiles(cats)
    compiles(edges)


def _texts() -> dict:
    return dict(title="t", description=DESCRIPTION, x="x", y="y", color_axis=charts.axis("value"))


def test_histogram_bars_span_their_bins():
    layer = charts.histogram([0.0, 0.5, 1.0], {"rock": [1.0, np.nan], "pop": [np.nan, 1.0]})
    rock, pop = [(0.0, 0.5, 1.0), (0.5, 1.0, None)], [(0.0, 0.5, None), (0.5, 1.0, 1.0)]
    assert [(r["x"], r["x2"], r["y"]) for r in layer.rows] == [*rock, *pop]


def test_horizontal_bars_stack_to_one():
    spec = simple(
        layers=[charts.bars(["a", "b"], {"yes": [0.2, 0.5], "no": [0.8, 0.5]}, horizontal=True)],
        x=charts.axis("share", format=".0%"),
        y="option",
    )
    bar = marks(spec)[0]
    assert bar["encoding"]["x"]["stack"] == "normalize" and bar["encoding"]["y"]["type"] == "nominal"
    compiles(spec)


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"description": "short"}, ValueError, "description"),
        ({"description": None}, TypeError, "description"),
        ({"title": ""}, TypeError, "title"),
        ({"x": 3}, TypeError, "x must be"),
        ({"colors": {"unicorn": "#000000"}}, ValueError, "unicorn"),
        ({"control": charts.slider("k", [1.0, 2.0], "k")}, ValueError, "control needs"),
        ({"columns": 2}, ValueError, "columns"),
        ({"width": 10}, ValueError, "width"),
        ({"layers": [charts.rule(x=0.5)]}, ValueError, "data layer"),
    ],
)
def test_figure_refuses_bad_arguments_by_name(options, error, match):
    with pytest.raises(error, match=match):
        simple(**options)


def test_layers_refuse_bad_arguments_by_name():
    x = np.linspace(0, 1, 3)
    with pytest.raises(ValueError, match="y must have shape"):
        charts.lines(x, {"a": np.ones((2, 3))})
    with pytest.raises(ValueError, match="frame"):
        charts.lines(x, {"a": np.ones((2, 3))}, frame=[1.0, 1.0])
    with pytest.raises(TypeError, match="y must be numbers"):
        charts.lines(x, {"a": ["p", "q", "r"]})
    with pytest.raises(ValueError, match="low and high"):
        charts.points(x, {"a": x}, low={"a": x})
    with pytest.raises(ValueError, match="exactly one"):
        charts.rule(x=1.0, y=1.0)
    with pytest.raises(ValueError, match="scale"):
        charts.axis("t", scale="logit")


def test_slider_start_must_be_on_the_grid():
    with pytest.raises(ValueError, match="start"):
        charts.slider("k", [1.0, 2.0, 3.0], "k", start=2.5)
    assert charts.slider("k", [1.0, 2.0, 3.0], "k", start=3.0).param.value == 3.0


def test_a_figure_is_stored_as_its_bundle():
    charts.setup()
    chart = charts.figure(charts.lines([0.0, 1.0], {"a": [0.0, 1.0]}), title="T", description=DESCRIPTION, x="x", y="y")
    bundle = chart._repr_mimebundle_()
    bundle = bundle[0] if isinstance(bundle, tuple) else bundle
    assert bundle["text/plain"] == f"Chart: T. {DESCRIPTION}"
    assert isinstance(chart, alt.LayerChart)
    # displayed without the schema check (mctools/_display.py): the same specification as to_dict()'s,
    # and a copy made by Altair (properties) is displayed the same way
    assert bundle["application/vnd.vegalite.v5+json"] == chart.to_dict(context={"pre_transform": False})
    assert type(chart.properties(width=300)) is type(chart)


def test_lines_of_one_colour_are_told_apart_by_their_dash_pattern():
    x = np.linspace(0, 1, 3)
    layer = charts.lines(x, {"ε = 0.3": x, "ε = 0.1": x, "ε = 0.01": x}, dash={"ε = 0.3": [6, 4], "ε = 0.01": [2, 2]})
    spec = simple(layers=[layer], colors=dict.fromkeys(["ε = 0.3", "ε = 0.1", "ε = 0.01"], "specialist"))
    assert marks(spec)[0]["encoding"]["strokeDash"]["scale"]["range"] == [[6, 4], [1, 0], [2, 2]]
    with pytest.raises(ValueError, match="dash names"):
        charts.lines(x, {"a": x}, dash={"b": [2, 2]})


def test_shared_y_is_titled_on_the_first_panel_only():
    x = np.linspace(0, 1, 5)
    layers = [charts.lines(x, {"a": x * k}, panel=f"k = {k}") for k in (1, 2)]
    spec = simple(layers=layers)
    titles = [marks(view)[0]["encoding"]["y"].get("title") for view in spec["concat"]]
    assert titles == ["y (units)", None]
    assert spec["resolve"]["scale"] == {"x": "shared", "y": "shared"}


def test_a_band_is_drawn_between_its_edges_and_not_stacked():
    x = np.linspace(0, 1, 5)
    spec = simple(layers=[charts.band(x, x - 0.1, x + 0.1, series="band"), charts.lines(x, {"mid": x})])
    area = next(m for m in marks(spec) if mark_type(m) == "area")
    assert "order" not in area["encoding"] and area["encoding"]["y2"] == {"field": "y2"}
    compiled = json.dumps(vlc.vegalite_to_vega(spec))
    # an order channel on an area groups it by order: one point per path, nothing drawn
    assert '"groupby": ["series", "order"]' not in compiled
    legend = marks(spec)[0]["encoding"]["color"]["legend"]
    assert legend["symbolOpacity"] == 1


def test_a_layer_colour_names_a_class_or_a_hex_and_figure_colors_win():
    x = np.linspace(0, 1, 3)
    spec = simple(
        layers=[charts.lines(x, {"exact": x}, color="theory"), charts.points(x, {"sim": x}, color="#123456")],
        colors={"exact": "#000000"},
    )
    scale = marks(spec)[0]["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {"exact": "#000000", "sim": "#123456"}
    with pytest.raises(ValueError, match="color"):
        charts.lines(x, {"a": x}, color="unicorn")


def test_symmetric_error_bars_from_a_half_width():
    x = np.arange(3.0)
    layer = charts.points(x, {"sim": x}, error={"sim": np.full(3, 0.5)})
    assert [(r["low"], r["high"]) for r in layer.rows] == [(-0.5, 0.5), (0.5, 1.5), (1.5, 2.5)]
    with pytest.raises(ValueError, match="error"):
        charts.points(x, {"sim": x}, error={"sim": -np.ones(3)})


def test_long_titles_are_stored_wrapped_and_read_as_one_sentence():
    from mctools._display import chart_text

    long = "A finding stated at some length, longer than one line of the book's column allows"
    spec = simple(title=long, subtitle="short")
    assert isinstance(spec["title"]["text"], list) and " ".join(spec["title"]["text"]) == long
    assert chart_text(spec).startswith(f"Chart: {long} — short.")


def test_pictures_draw_each_shown_pixel_in_its_class_colour():
    side = 3
    images = np.arange(2 * 2 * side * side, dtype=float).reshape(2, 2, side * side)
    prompt = np.arange(side * side) < side  # the top row only
    spec = charts.pictures(
        images,
        [["real", "eight"], ["real", "zero"]],
        rows=["first", "second"],
        columns=["prompt", "drawn"],
        shown=[prompt, np.ones(side * side, bool)],
        ink=(0.0, 30.0),
        colors={"real": "#000000"},
        title="Pictures",
        description=DESCRIPTION,
    ).to_dict()
    rows = data_rows(spec)
    assert len(rows) == 2 * (side + side * side)  # hidden pixels are not drawn
    first_prompt = [r for r in rows if (r["picture"], r["column"]) == ("first", "prompt")]
    assert [(r["y"], r["x"], r["ink"]) for r in first_prompt] == [(0, 0, 0.0), (0, 1, 1.0), (0, 2, 2.0)]
    assert max(r["ink"] for r in rows) == 30.0  # clipped at the full-colour end
    second = {r["drawn"] for r in rows if r["column"] == "drawn" and r["picture"] == "second"}
    assert second == {"zero"}
    view = marks(spec["vconcat"][0]["spec"])[0]
    scale = view["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == {
        "real": "#000000",
        "eight": charts.CLASS_COLORS["eight"],
        "zero": charts.CLASS_COLORS["zero"],
    }
    assert view["mark"]["aria"] is False and view["encoding"]["tooltip"] and view["encoding"]["x"]["title"]
    assert spec["description"] == DESCRIPTION and spec["usermeta"]["course"]["fit"] == "cells"
    compiles(spec)


def test_pictures_refuse_unknown_classes_and_mismatched_grids():
    images = np.zeros((1, 2, 4))
    options = dict(rows=["a"], columns=["b", "c"], title="T", description=DESCRIPTION)
    with pytest.raises(ValueError, match="unknown"):
        charts.pictures(images, [["eight", "unicorn"]], **options)
    with pytest.raises(ValueError, match="images must have shape"):
        charts.pictures(np.zeros((1, 2, 5)), [["eight", "zero"]], **options)
    with pytest.raises(ValueError, match="shown"):
        charts.pictures(images, [["eight", "zero"]], shown=[True, False], **options)
