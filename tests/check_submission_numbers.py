#!/usr/bin/env python3
"""Every number in a generated analysis (submission/<task>.md) must appear in the outputs of the executed notebook
that wrote it — so no analysis states a number its notebook did not show, and no submission file is stale.

    /usr/bin/python3 tests/check_submission_numbers.py test-output/quick
    /usr/bin/python3 tests/check_submission_numbers.py --committed .

The first form reads <root>/submission/*.md and <root>/notebooks-executed/notebooks/<task>.ipynb (or
notebook.ipynb for a task the overview notebook publishes). --committed checks the committed study of both datasets:
submission/*.md against notebooks/<task>.ipynb (and notebook.ipynb), and submission/fashion-mnist/*.md against the
executed Fashion-MNIST notebooks in notebooks/fashion-mnist/. Prints each missing number with its line, and exits 1
if any is missing or a submission file has no executed notebook.
"""
import json
import re
import sys
from pathlib import Path

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def output_text(nb_path):
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append("".join(out["text"]) if isinstance(out["text"], list) else out["text"])
            for mime in ("text/markdown", "text/plain", "text/html"):
                v = out.get("data", {}).get(mime)
                if v is not None:
                    parts.append("".join(v) if isinstance(v, list) else v)
    return "\n".join(parts)


def numbers(text):
    return [m.group(0).rstrip(",") for m in NUMBER.finditer(text)]


def check(root):
    """Submission files under <root>/submission against the executed copies under <root>/notebooks-executed."""
    root = Path(root)
    executed = root / "notebooks-executed"
    return check_pairs(root, [(root / "submission", [executed / "notebooks", executed])])


def check_committed(root):
    """Both datasets' committed submission files against the committed executed notebooks."""
    root = Path(root)
    return check_pairs(root, [(root / "submission", [root / "notebooks", root]),
                              (root / "submission" / "fashion-mnist", [root / "notebooks" / "fashion-mnist"])])


def check_pairs(root, pairs):
    """pairs: (folder of <task>.md files, folders to look for <task>.ipynb or notebook.ipynb in)."""
    failures = 0
    checked = 0
    for sub_dir, book_dirs in pairs:
        subs = sorted(sub_dir.glob("*.md"))
        if not subs:
            print(f"FAIL no submission files under {sub_dir}")
            failures += 1
        for md in subs:
            f, c = check_file(root, md, book_dirs)
            failures += f
            checked += c
    print(f"{checked} submission file(s) checked, {failures} failure(s)")
    return 1 if failures else 0


def check_file(root, md, book_dirs):
    """(failures, checked) for one submission file."""
    task = md.stem
    candidates = [d / f"{task}.ipynb" for d in book_dirs] + [d / "notebook.ipynb" for d in book_dirs]
    nb = next((c for c in candidates if c.exists() and task in c.read_text(encoding="utf-8")), None)
    if nb is None:
        print(f"FAIL {md}: no executed notebook for task {task} under {', '.join(map(str, book_dirs))}")
        return 1, 0
    shown = output_text(nb)
    missing = []
    for lineno, line in enumerate(md.read_text(encoding="utf-8").splitlines(), 1):
        for n in numbers(line):
            if n not in shown:
                missing.append((lineno, n, line.strip()[:120]))
    if missing:
        print(f"FAIL {md.relative_to(root)}: {len(missing)} number(s) not in the outputs of {nb.relative_to(root)}")
        for lineno, n, line in missing[:20]:
            print(f"    line {lineno}: {n}    | {line}")
        return 1, 1
    print(f"ok   {md.relative_to(root)}: every number appears in {nb.relative_to(root)}")
    return 0, 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--committed":
        sys.exit(check_committed(sys.argv[2] if len(sys.argv) > 2 else "."))
    sys.exit(check(sys.argv[1] if len(sys.argv) > 1 else "test-output/quick"))
