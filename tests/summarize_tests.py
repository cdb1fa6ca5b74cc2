#!/usr/bin/python3
"""Adds up the JUnit-XML reports of a test run (Surefire's and pytest's) plus extra pass/fail counts, and prints
the closing line `tests: N passed, N failed, N skipped`.

    summarize_tests.py EXTRA_PASSED EXTRA_FAILED report-dir-or-file...
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def suites(path: Path):
    files = sorted(path.glob("TEST-*.xml")) + sorted(path.glob("*.junit.xml")) if path.is_dir() else [path]
    for f in files:
        if not f.exists():
            continue
        root = ET.parse(f).getroot()
        yield from ([root] if root.tag == "testsuite" else root.iter("testsuite"))


def main():
    passed, failed = int(sys.argv[1]), int(sys.argv[2])
    skipped = 0
    for arg in sys.argv[3:]:
        for s in suites(Path(arg)):
            tests, fails = int(s.get("tests", 0)), int(s.get("failures", 0)) + int(s.get("errors", 0))
            skips = int(s.get("skipped", 0))
            passed += tests - fails - skips
            failed += fails
            skipped += skips
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")


if __name__ == "__main__":
    main()
