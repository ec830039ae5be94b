"""mctools defers ``rfc3987_syntax`` (a 2.7 s grammar build at import) until an IRI check runs.

JupyterLab installs it, so every student kernel on Binder would pay for it in its first cell
(``mctools/_deferred_imports.py``). A stand-in package on ``sys.path`` records when it is really
imported, and answers IRI checks its own way, so the test sees both halves: importing mctools and
altair does not import it, and jsonschema's ``iri`` check still reaches it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FAKE = """
import os
open(os.environ["IMPORT_LOG"], "a").write("imported\\n")

def is_valid_syntax(rule, value):
    return value.endswith("/ok")
"""
PROBE = """
import json, os, sys
import mctools, altair, jsonschema
before = open(os.environ["IMPORT_LOG"]).read()
checker = jsonschema.FormatChecker()
answers = [checker.conforms("http://example.org/ok", "iri"), checker.conforms("http://example.org/no", "iri")]
print(json.dumps({"before": before, "after": open(os.environ["IMPORT_LOG"]).read(), "answers": answers}))
"""


def test_iri_grammar_is_imported_only_when_an_iri_is_checked(tmp_path: Path) -> None:
    (tmp_path / "rfc3987_syntax").mkdir()
    (tmp_path / "rfc3987_syntax" / "__init__.py").write_text(FAKE, encoding="utf-8")
    log = tmp_path / "imports.log"
    log.write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "IMPORT_LOG": str(log)}
    proc = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout)
    assert seen["before"] == "", "importing mctools and altair imported rfc3987_syntax"
    assert seen["after"] == "imported\n", "the first IRI check did not import rfc3987_syntax, or imported it twice"
    assert seen["answers"] == [True, False], "jsonschema's iri check did not get rfc3987_syntax's answers"
