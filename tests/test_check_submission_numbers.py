#!/usr/bin/env python3
"""The number check must fail on a number its notebook did not show and pass when every number was shown.

    /usr/bin/python3 tests/test_check_submission_numbers.py
"""
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_submission_numbers import check, check_committed  # noqa: E402


def fixture(root, md_text, shown):
    (root / "submission").mkdir(parents=True)
    (root / "submission" / "Task05_Dropout.md").write_text(md_text, encoding="utf-8")
    nb = {"cells": [{"cell_type": "code", "source": ['task("Task05_Dropout")'], "outputs": [
        {"output_type": "display_data", "data": {"text/markdown": shown}}]}]}
    (root / "notebooks-executed" / "notebooks").mkdir(parents=True)
    (root / "notebooks-executed" / "notebooks" / "Task05_Dropout.ipynb").write_text(json.dumps(nb), encoding="utf-8")


def main():
    with tempfile.TemporaryDirectory() as d:
        fixture(Path(d), "test accuracy 97.82 % on 5,000 images\n", "test accuracy 97.82 % on 5,000 images")
        assert check(d) == 0, "all numbers shown: must pass"
    with tempfile.TemporaryDirectory() as d:
        fixture(Path(d), "test accuracy 97.82 % on 5,000 images\n", "test accuracy 97.76 % on 5,000 images")
        assert check(d) == 1, "97.82 was not shown: must fail"
    with tempfile.TemporaryDirectory() as d:
        fixture(Path(d), "x 1.5\n", "x 1.5")
        (Path(d) / "submission" / "Task99_Missing.md").write_text("y 2\n", encoding="utf-8")
        assert check(d) == 1, "a submission file without its notebook must fail"
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        for sub, books in (("submission", "notebooks"), ("submission/fashion-mnist", "notebooks/fashion-mnist")):
            (root / sub).mkdir(parents=True, exist_ok=True)
            (root / sub / "Task05_Dropout.md").write_text("gap 0.0113\n", encoding="utf-8")
            nb = {"cells": [{"cell_type": "code", "source": ['task("Task05_Dropout")'], "outputs": [
                {"output_type": "display_data", "data": {"text/markdown": "gap 0.0113"}}]}]}
            (root / books).mkdir(parents=True, exist_ok=True)
            (root / books / "Task05_Dropout.ipynb").write_text(json.dumps(nb), encoding="utf-8")
        assert check_committed(d) == 0, "both datasets shown: must pass"
        (root / "submission/fashion-mnist/Task05_Dropout.md").write_text("gap 0.0114\n", encoding="utf-8")
        assert check_committed(d) == 1, "a Fashion-MNIST number its notebook did not show: must fail"
    print("check_submission_numbers: 5 cases ok")


if __name__ == "__main__":
    main()
