#!/usr/bin/env python3
"""The HTML export loads MathJax only for a notebook with mathematics (scripts/notebook_exports.py): decided on
stand-in notebooks, exported with nbconvert (no kernel, no Chromium; ~2 s).

    .venv/bin/python tests/test_notebook_exports.py      (or: .venv/bin/python -m pytest tests/test_notebook_exports.py)
"""
import asyncio
import sys
import tempfile
import unittest
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from notebook_exports import Exports, has_math  # noqa: E402


def notebook(markdown="Plain words.", code="int x = 1;", output=None):
    cell = new_code_cell(code)
    if output is not None:
        cell.outputs = [new_output("display_data", data=output)]
    return new_notebook(cells=[new_markdown_cell(markdown), cell])


class HasMath(unittest.TestCase):

    def test_markdown_math_is_found(self):
        for text in ("The loss $L = -\\log p$.", "$$x^2$$", "Inline \\(a\\).", "Display \\[b\\]",
                     "\\begin{align} a \\end{align}"):
            self.assertTrue(has_math(notebook(markdown=text)), text)

    def test_math_in_a_markdown_or_latex_output_is_found(self):
        self.assertTrue(has_math(notebook(output={"text/markdown": "accuracy $\\pm$ 0.1"})))
        self.assertTrue(has_math(notebook(output={"text/latex": "\\(x\\)"})))

    def test_plain_text_and_code_are_not_math(self):
        self.assertFalse(has_math(notebook()))
        # a dollar sign in code or in a plain-text output is not typeset by MathJax
        self.assertFalse(has_math(notebook(code='var s = "$5";', output={"text/plain": "$5"})))


class Export(unittest.TestCase):

    def export(self, nb):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "probe.ipynb"
            nbformat.write(nb, path)
            html = asyncio.run(Exports(Path(tmp) / "exports", pdf=False).html(path))
            return html.read_text(encoding="utf-8")

    def test_mathjax_is_loaded_only_for_a_notebook_with_math(self):
        with_math = self.export(notebook(markdown="The loss $L$."))
        without = self.export(notebook(markdown="The loss L."))
        self.assertIn("MathJax.js", with_math)
        self.assertNotIn("MathJax", without)
        # the rest of the page is the same template: the notebook's text is there in both
        self.assertIn("The loss L.", without)
        self.assertIn("jp-Notebook", without)


if __name__ == "__main__":
    unittest.main(verbosity=1)
