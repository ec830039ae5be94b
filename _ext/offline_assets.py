"""Serve Vega, Vega-Lite and vega-embed from the built book, so the charts need no CDN.

The charts are stored in the notebooks as Vega-Lite JSON and drawn by ``course-charts.js``
(``vega_charts.py``), which calls the global ``vegaEmbed``. At ``builder-inited`` this
extension:

1. bundles the libraries with :func:`vl_convert.javascript_bundle` (they ship inside the
   ``vl-convert-python`` wheel, so no network is needed), once per environment (``cached_script``);
2. writes ``vega-offline.js`` into a generated folder in the build's doctree directory (never
   a committed file, and never a root ``_static/``, whose ``*.js`` Jupyter Book would inject
   into every page on its own);
3. adds that folder to ``html_static_path`` and the script to every page's ``<head>`` as a
   plain, synchronous ``<script src>``, so it has run before any chart's inline script.

It also drops the duplicate inline scripts that Sphinx 7.4 writes into every page (see
``_drop_duplicate_scripts``). Math is made local by the ``sphinx-mathjax-offline`` extension,
enabled in ``_config.yml``.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCRIPT_NAME = "vega-offline.js"
# vl-convert provides these names to the snippet without imports. course-charts.js only calls
# vegaEmbed; in vl-convert 1.9 `vega` and `vegaLite` are null (default imports of modules that
# have none), so they are exposed only if a later version fixes that.
SNIPPET = "window.vegaEmbed = vegaEmbed; if (vega) window.vega = vega; if (vegaLite) window.vegaLite = vegaLite;"
# ES module syntax cannot run in a classic <script>: fail loudly rather than ship a dead file.
_MODULE_SYNTAX = re.compile(r"^\s*(?:import|export)\b[\s{*\"']", re.MULTILINE)


def build_script() -> str:
    """Return the JavaScript of ``vega-offline.js``."""
    import altair as alt
    import vl_convert as vlc

    # Bundle the Vega-Lite minor version that Altair's specs target ("6.4" for 6.4.1).
    vl_version = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
    bundle = vlc.javascript_bundle(SNIPPET, vl_version=vl_version)
    if _MODULE_SYNTAX.search(bundle) or "import.meta" in bundle:
        raise RuntimeError(
            f"vl_convert.javascript_bundle() returned an ES module; {SCRIPT_NAME} must be a "
            "classic script. Check the vl-convert-python version pinned in requirements.txt."
        )
    if not re.search(r"window\.vegaEmbed\s*=", bundle):
        raise RuntimeError("the vl-convert bundle does not define window.vegaEmbed")
    # The bundle declares minified top-level names (e.g. `_`) that would overwrite Sphinx's
    # globals, so it runs in its own function scope and exports only through `window`.
    return (
        f"/* Vega {alt.VEGA_VERSION}, Vega-Lite {alt.VEGALITE_VERSION} and vega-embed "
        f"{alt.VEGAEMBED_VERSION}, bundled by vl-convert {vlc.__version__} for Altair {alt.__version__}. "
        "Generated at build time by _ext/offline_assets.py. */\n"
        f"(function () {{\n{bundle}\n}})();\n"
    )


def cached_script() -> str:
    """:func:`build_script`, kept in the Python environment (bundling takes about 3 s).

    The bundle depends only on installed packages (vl-convert, Altair) and on this file, so it
    is cached under ``sys.prefix`` with a name made from their versions and a hash of this file:
    a new environment or a new pin starts afresh. Written atomically: two test workers may build
    a book at once.
    """
    import altair as alt
    import vl_convert as vlc

    key = hashlib.sha256(
        "\n".join([Path(__file__).read_text(encoding="utf-8"), alt.__version__, vlc.__version__]).encode()
    ).hexdigest()[:16]
    cache = Path(sys.prefix) / "share" / "mode-collapse" / f"vega-offline-{key}.js"
    with contextlib.suppress(OSError):
        return cache.read_text(encoding="utf-8")
    script = build_script()
    with contextlib.suppress(OSError):  # a read-only environment only loses the cache
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(script, encoding="utf-8")
        os.replace(partial, cache)
    return script


def _write_script(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    static_dir = Path(app.doctreedir) / "offline_assets"
    static_dir.mkdir(parents=True, exist_ok=True)
    script = cached_script()
    target = static_dir / SCRIPT_NAME
    # Rewrite only on change, so incremental builds do not see a new file every time.
    if not target.is_file() or target.read_text(encoding="utf-8") != script:
        target.write_text(script, encoding="utf-8")
    app.config.html_static_path.append(str(static_dir))
    # No async/defer: the file must have run before course-charts.js draws the charts.
    app.add_js_file(SCRIPT_NAME, priority=200)
    logger.info("offline_assets: %s (%d kB)", SCRIPT_NAME, len(script) // 1024)


def _drop_duplicate_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: object) -> None:
    # Sphinx 7.4 adds each inline script registered after builder init twice (once with
    # filename None, once with ""), so `const THEBE_JS_URL` is declared twice and every page
    # logs a SyntaxError. Keep the first of each.
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen: set[tuple[str, int, str]] = set()
    unique = []
    for js in scripts:
        attributes = getattr(js, "attributes", {})
        key = (getattr(js, "filename", None) or "", getattr(js, "priority", 500), repr(attributes))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    scripts[:] = unique


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", _write_script)
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
