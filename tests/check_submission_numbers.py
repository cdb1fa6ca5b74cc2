#!/usr/bin/env python3
"""Every number in a generated analysis (submission/<task>.md) must appear in the outputs of the executed notebook
that wrote it — so no analysis states a number its notebook did not show, and no submission file is stale.

    /usr/bin/python3 tests/check_submission_numbers.py test-output/quick

reads <root>/submission/*.md (MNIST; a dataset subfolder is not checked) and <root>/notebooks-executed/notebooks/<task>.ipynb (and notebook.ipynb for a task
the overview notebook publishes), prints each missing number with its line, and exits 1 if any is missing or a
submission file has no executed notebook.
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
    root = Path(root)
    subs = sorted((root / "submission").glob("*.md"))
    if not subs:
        print(f"no submission files under {root / 'submission'}")
        return 1
    failures = 0
    checked = 0
    for md in subs:
        task = md.stem
        executed = root / "notebooks-executed"
        candidates = [executed / "notebooks" / f"{task}.ipynb", executed / "notebook.ipynb"]
        nb = next((c for c in candidates if c.exists() and task in c.read_text(encoding="utf-8")), None)
        if nb is None:
            print(f"FAIL {md}: no executed notebook for task {task} under {executed}")
            failures += 1
            continue
        shown = output_text(nb)
        missing = []
        for lineno, line in enumerate(md.read_text(encoding="utf-8").splitlines(), 1):
            for n in numbers(line):
                if n not in shown:
                    missing.append((lineno, n, line.strip()[:120]))
        checked += 1
        if missing:
            failures += 1
            print(f"FAIL {md.relative_to(root)}: {len(missing)} number(s) not in the outputs of {nb.relative_to(root)}")
            for lineno, n, line in missing[:20]:
                print(f"    line {lineno}: {n}    | {line}")
        else:
            print(f"ok   {md.relative_to(root)}: every number appears in {nb.relative_to(root)}")
    print(f"{checked} submission file(s) checked, {failures} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(check(sys.argv[1] if len(sys.argv) > 1 else "test-output/quick"))
