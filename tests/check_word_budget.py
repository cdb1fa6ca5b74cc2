#!/usr/bin/env python3
"""A teacher reads the first screen: each analysis stays within its word budget, counted outside tables
(≤ 700 words per task file, ≤ 1,500 for the Summary).

    /usr/bin/python3 tests/check_word_budget.py submission submission/fashion-mnist
"""
import sys
from pathlib import Path

TASK_BUDGET = 700
SUMMARY_BUDGET = 1500


def words(text):
    """Words outside Markdown table rows."""
    return sum(len(line.split()) for line in text.splitlines() if not line.lstrip().startswith("|"))


def check(folders):
    failures = 0
    checked = 0
    for folder in folders:
        for md in sorted(Path(folder).glob("*.md")):
            budget = SUMMARY_BUDGET if md.stem == "Summary" else TASK_BUDGET
            n = words(md.read_text(encoding="utf-8"))
            checked += 1
            if n > budget:
                failures += 1
                print(f"FAIL {md}: {n} words outside tables (budget {budget})")
            else:
                print(f"ok   {md}: {n} words (budget {budget})")
    if checked == 0:
        print("FAIL no analyses found in " + ", ".join(folders))
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    assert words("a b\n| x | y | z |\nc") == 3, "table rows are not counted"
    sys.exit(check(sys.argv[1:] or ["submission"]))
