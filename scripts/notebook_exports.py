"""HTML and PDF exports of executed notebooks, made in the calling process: nbconvert's HTMLExporter (MathJax and
require.js from Debian's packages, never from a CDN) and one headless Chromium, started once and driven by
Playwright, that prints every PDF. Starting nbconvert and Chromium afresh for each notebook cost about 2 and 3
seconds of each export. A notebook without mathematics (no $...$, \\(...\\), \\[...\\] or \\begin{...} in its markdown
cells or markdown/LaTeX outputs) is exported without MathJax: loading and running it took 0.5-0.8 s of each PDF
(idle, three notebooks), for pages it had nothing to typeset on.

    exports = Exports(Path("exports"), pdf=True)
    html = await exports.html(Path("notebooks/Task05_Dropout.ipynb"))   # exports/html/Task05_Dropout.html
    pdf = await exports.pdf(html)                                       # exports/pdf/Task05_Dropout.pdf
    await exports.close()
"""
import asyncio
import json
import re
import shutil
import tempfile
from pathlib import Path

# Debian's libjs-mathjax and libjs-requirejs (installed by scripts/setup.sh): the exports load MathJax and
# require.js from disk, never from a CDN (nbconvert 7 points both at cdnjs by default)
LOCAL_MATHJAX = Path("/usr/share/javascript/mathjax/MathJax.js")
LOCAL_REQUIREJS = Path("/usr/share/javascript/requirejs/require.min.js")

# landscape pages, wrapped code, tables and charts that fit the page
PRINT_CSS = """<style>
@page { size: A4 landscape; margin: 12mm; }
@media print {
  pre, .CodeMirror-code, .highlight pre { white-space: pre-wrap !important; word-break: break-word; }
  div.output_area, div.output_subarea, div.output_html { overflow: visible !important; max-width: 100% !important; }
  div.output_html table { font-size: 11px; }
  div.output_png img, div.output_area img { max-width: 100% !important; height: auto; }
}
</style>"""

# what MathJax would typeset (its tex2jax delimiters as nbconvert configures them, and LaTeX environments)
MATH = re.compile(r"\$|\\\(|\\\[|\\begin\{")

# the lab template without the MathJax script and configuration
NO_MATHJAX_TEMPLATE = ("{%- extends 'index.html.j2' -%}\n"
                       "{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}\n")


def has_math(notebook: dict) -> bool:
    """True when a markdown cell, or a markdown or LaTeX output, of the notebook (nbformat 4 JSON) holds something
    MathJax would typeset."""
    for cell in notebook.get("cells", []):
        texts = []
        if cell.get("cell_type") == "markdown":
            texts.append(cell.get("source", ""))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            texts += [data.get(kind, "") for kind in ("text/markdown", "text/latex")]
        for text in texts:
            if MATH.search("".join(text) if isinstance(text, list) else text):
                return True
    return False


# true once MathJax (version 2, Debian's) has typeset the page, or when the page does not load it
MATHJAX_DONE = "() => !window.MathJax || !MathJax.Hub || (MathJax.Hub.queue.pending === 0 && !MathJax.Hub.queue.running)"


class Exports:
    def __init__(self, root: Path, pdf: bool):
        self.html_dir = root / "html"
        self.pdf_dir = root / "pdf" if pdf else None
        self._exporters = {}
        self._browser = None
        self._playwright = None
        self._starting = asyncio.Lock()

    async def html(self, notebook: Path) -> Path:
        """Writes <root>/html/<name>.html (charts embedded; MathJax only when the notebook has mathematics) and
        returns its path."""
        math = has_math(json.loads(notebook.read_text(encoding="utf-8")))
        exporter = self._html_exporter(math)
        body, _ = await asyncio.to_thread(exporter.from_filename, str(notebook))
        self.html_dir.mkdir(parents=True, exist_ok=True)
        out = self.html_dir / (notebook.stem + ".html")
        out.write_text(body, encoding="utf-8")
        return out

    async def pdf(self, html: Path) -> Path:
        """Prints a copy of `html` with the print style sheet to <root>/pdf/<name>.pdf."""
        if self.pdf_dir is None:
            raise ValueError("this export was made without PDFs")
        browser = await self._chromium()
        self.pdf_dir.mkdir(parents=True, exist_ok=True)
        out = self.pdf_dir / (html.stem + ".pdf")
        with tempfile.TemporaryDirectory() as tmp:
            printable = Path(tmp) / html.name
            printable.write_text(html.read_text(encoding="utf-8").replace("</head>", PRINT_CSS + "</head>", 1),
                                 encoding="utf-8")
            page = await browser.new_page()
            try:
                await page.goto(printable.as_uri(), wait_until="load", timeout=60_000)
                if not await page.evaluate(MATHJAX_DONE):
                    await page.wait_for_function(MATHJAX_DONE, timeout=30_000)
                await page.pdf(path=str(out), prefer_css_page_size=True)
            finally:
                await page.close()
        return out

    async def close(self):
        if self._browser is not None:
            await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()

    def _html_exporter(self, math: bool):
        """nbconvert's HTML exporter, with MathJax or without it."""
        if math not in self._exporters:
            needed = ((LOCAL_MATHJAX, "libjs-mathjax"),) if math else ()
            for local, package in needed + ((LOCAL_REQUIREJS, "libjs-requirejs"),):
                if not local.exists():
                    raise SystemExit(f"the HTML export needs a local copy of {local.name} ({local}): "
                                     f"apt-get install {package}")
            from jinja2 import DictLoader
            from nbconvert import HTMLExporter
            if math:
                self._exporters[math] = HTMLExporter(
                    mathjax_url=f"{LOCAL_MATHJAX.as_uri()}?config=TeX-AMS_CHTML-full,Safe",
                    require_js_url=LOCAL_REQUIREJS.as_uri())
            else:
                self._exporters[math] = HTMLExporter(
                    extra_loaders=[DictLoader({"no-mathjax.html.j2": NO_MATHJAX_TEMPLATE})],
                    template_file="no-mathjax.html.j2", require_js_url=LOCAL_REQUIREJS.as_uri())
        return self._exporters[math]

    async def _chromium(self):
        async with self._starting:
            if self._browser is None:
                chromium = shutil.which("chromium") or shutil.which("chromium-browser")
                if chromium is None:
                    raise SystemExit("PDF export needs Chromium (apt-get install chromium), or run with --no-pdf")
                from playwright.async_api import async_playwright
                self._playwright = await async_playwright().start()
                self._browser = await self._playwright.chromium.launch(
                    executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                                    "--disable-component-update", "--disable-sync"])
            return self._browser
