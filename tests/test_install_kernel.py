#!/usr/bin/env python3
"""scripts/install-kernel.py keeps a class-data archive only while it fits: same kernel jar, the helper jar of this
checkout built before it, the same Java and JVM options (an archive another checkout or other options wrote is
rewritten, not kept). Run: python3 tests/test_install_kernel.py (needs lib/kernel/target/java-kernel.jar)."""
import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("install_kernel", ROOT / "scripts" / "install-kernel.py")
ik = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ik)


def kernel_dir(tmp, stamp):
    d = Path(tmp) / "java"
    d.mkdir(exist_ok=True)
    shutil.copy2(ik.JAR, d / ik.JAR.name)
    (d / ik.ARCHIVE).write_bytes(b"archive")  # written now: after the helper jar was built
    if stamp is not None:
        (d / ik.STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    return d


def main():
    if not ik.JAR.is_file():
        print(f"skipped: {ik.JAR} is not built")
        return 0
    current = ik.archive_stamp("/usr/bin/java", 17)
    cases = [
        ("the same Java, options and helper jar", current, True),
        ("no stamp (an archive of an older install)", None, False),
        ("another checkout's helper jar", dict(current, study_jar="/elsewhere/lib/study/target/mnist-study.jar"), False),
        ("other JVM options", dict(current, options=[o for o in current["options"] if "incubator" not in o]), False),
        ("another Java", dict(current, java="/opt/jdk-21/bin/java"), False),
    ]
    failed = 0
    for what, stamp, expected in cases:
        with tempfile.TemporaryDirectory() as tmp:
            got = ik.archive_is_current(kernel_dir(tmp, stamp), current)
        ok = got == expected
        failed += not ok
        print(f"{'ok' if ok else 'FAIL'}: {what}: kept={got}, expected {expected}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
