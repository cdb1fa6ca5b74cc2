#!/usr/bin/env python3
"""Packages the helper jar and its deps/ folder for every platform a student may use and checks each one.

For linux-x86_64, macosx-arm64, macosx-x86_64 and windows-x86_64 (generic natives) and for linux-x86_64-avx2 (what
scripts/setup.sh builds on this machine) it runs Maven's package phase for lib/study with -Djavacpp.platform=<p>
(no tests compiled or run) into a temporary build directory, then checks:

  * deps/ holds that platform's ND4J, OpenBLAS and JavaCPP native jars (nd4j-native-<v>-<p><ext>.jar,
    openblas-<v>-<p>.jar, javacpp-<v>-<p>.jar) and the platform-independent ones, and no jar classified for any
    other platform or CPU extension (exactly one ND4J native jar);
  * inside those jars, the libraries ND4J and the fused engine load (libnd4jcpu + its JNI library, OpenBLAS and its
    jniopenblas_nolapack bridge, JavaCPP's jnijavacpp) are there under <p><ext>/, in that platform's binary format
    (ELF x86-64, Mach-O arm64 / x86-64, PE x86-64: read from each file's header), and no ND4J / bytedeco native
    library of another platform is anywhere in deps/;
  * the jar's manifest Class-Path lists exactly the jars in deps/ (each entry exists; each jar is listed);
  * every notebook has one %classpath line, naming lib/study/target/mnist-study.jar, and nothing else adds jars
    (%jars, %maven), so that line plus the manifest covers the folder.

It then shows that the checks can fail: it checks doctored copies of the folders (another platform's OpenBLAS jar
added; a folder checked as another platform; this platform's OpenBLAS jar removed; a jar the manifest does not
list; a listed jar missing; a generic build checked as -avx2) and fails unless each is rejected.
Sizes of deps/ per platform are printed next to those of the pom before the change.

    /usr/bin/python3 tests/check_packaging.py                 # all platforms (Maven Central once, then ~/.m2)
    /usr/bin/python3 tests/check_packaging.py --check DIR --platform macosx-arm64 [--extension -avx2]
        checks an existing build directory (DIR/mnist-study.jar and DIR/deps/) without building
"""
import argparse
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR_NAME = "mnist-study.jar"
BUILT_JAR = ROOT / "lib" / "study" / "target" / JAR_NAME

# (platform, extension) built by the test; the first four are the platforms, the last is this machine's build
BUILDS = [("linux-x86_64", ""), ("macosx-arm64", ""), ("macosx-x86_64", ""), ("windows-x86_64", ""),
          ("linux-x86_64", "-avx2")]

# a JavaCPP platform name as it appears in a classifier or a resource directory
PLATFORM_RE = r"(?:android|ios|linux|macosx|windows)-(?:x86_64|x86|arm64|armhf|arm|ppc64le)"
CLASSIFIED_JAR = re.compile(r"-(" + PLATFORM_RE + r")(-[a-z0-9]+)?\.jar$")
NATIVE_FILE = re.compile(r"(\.so(\.\d+)*|\.dylib|\.dll|\.jnilib)$")
PLATFORM_DIR = re.compile(r"(?:^|/)(" + PLATFORM_RE + r"(?:-[a-z0-9]+)?)/")

# what must be inside the native jars, per operating system: (jar, directory inside it, file names)
EXPECTED = {
    "linux": {"nd4j": ["libnd4jcpu.so", "libjnind4jcpu.so"],
              "openblas": ["libopenblas.so.0", "libjniopenblas_nolapack.so"],
              "javacpp": ["libjnijavacpp.so"]},
    "macosx": {"nd4j": ["libnd4jcpu.dylib", "libjnind4jcpu.dylib"],
               "openblas": ["libopenblas.0.dylib", "libjniopenblas_nolapack.dylib"],
               "javacpp": ["libjnijavacpp.dylib"]},
    "windows": {"nd4j": ["libnd4jcpu.dll", "jnind4jcpu.dll"],
                "openblas": ["libopenblas.dll", "jniopenblas_nolapack.dll"],
                "javacpp": ["jnijavacpp.dll"]},
}
# binary format per platform: (format, machine code as found in the header)
BINARY = {"linux-x86_64": ("ELF", 0x3E), "macosx-arm64": ("Mach-O", 0x0100000C),
          "macosx-x86_64": ("Mach-O", 0x01000007), "windows-x86_64": ("PE", 0x8664)}
MACHINE_NAMES = {0x3E: "x86-64", 0xB7: "aarch64", 0x0100000C: "arm64", 0x01000007: "x86-64", 0x8664: "x86-64",
                 0xAA64: "arm64"}


def binary_kind(head):
    """(format, machine) of a native library from its first bytes, or (None, None)."""
    if head[:4] == b"\x7fELF" and len(head) >= 20:
        return "ELF", struct.unpack_from("<H", head, 18)[0]
    if head[:4] == b"\xcf\xfa\xed\xfe" and len(head) >= 8:
        return "Mach-O", struct.unpack_from("<I", head, 4)[0]
    if head[:4] == b"\xca\xfe\xba\xbe":
        return "Mach-O fat", None
    if head[:2] == b"MZ" and len(head) >= 0x40:
        pe = struct.unpack_from("<I", head, 0x3C)[0]
        if head[pe:pe + 4] == b"PE\0\0":
            return "PE", struct.unpack_from("<H", head, pe + 4)[0]
    return None, None


def manifest_class_path(jar):
    with zipfile.ZipFile(jar) as z:
        text = z.read("META-INF/MANIFEST.MF").decode("utf-8")
    text = text.replace("\r\n", "\n").replace("\n ", "")  # continuation lines
    for line in text.split("\n"):
        if line.startswith("Class-Path:"):
            return line[len("Class-Path:"):].split()
    return []


def check_build(build_dir, platform, extension):
    """Problems found in build_dir/mnist-study.jar + build_dir/deps for platform+extension (empty list: fine)."""
    problems = []
    deps = Path(build_dir) / "deps"
    jar = Path(build_dir) / JAR_NAME
    if not deps.is_dir():
        return [f"{deps} does not exist"]
    names = sorted(p.name for p in deps.iterdir() if p.name.endswith(".jar"))
    want = platform + extension
    os_family = platform.split("-")[0]

    # 1. jar names: classified jars only for this platform (+ extension for nd4j-native), the required ones present
    for n in names:
        m = CLASSIFIED_JAR.search(n)
        if not m:
            continue
        plat, ext = m.group(1), m.group(2) or ""
        if plat != platform:
            problems.append(f"{n}: natives of {plat}{ext}, not {platform}")
        elif ext and ext != extension:
            problems.append(f"{n}: CPU extension {ext}, the build asked for '{extension or 'generic'}'")
    required = {
        "nd4j": re.compile(r"^nd4j-native-\d[^/]*-" + re.escape(want) + r"\.jar$"),
        "openblas": re.compile(r"^openblas-\d[^/]*-" + re.escape(platform) + r"\.jar$"),
        "javacpp": re.compile(r"^javacpp-\d[^/]*-" + re.escape(platform) + r"\.jar$"),
    }
    found = {}
    for key, rx in required.items():
        hits = [n for n in names if rx.match(n)]
        if len(hits) != 1:
            problems.append(f"expected one {key} native jar for {want} in deps/, found {hits or 'none'}")
        else:
            found[key] = hits[0]
    for base in ("nd4j-native-\\d", "openblas-\\d", "javacpp-\\d"):
        if not any(re.match("^" + base + r"[^/]*\.jar$", n) and not CLASSIFIED_JAR.search(n) for n in names):
            problems.append(f"no platform-independent {base[:-3]} jar (Java classes) in deps/")
    nd4j_natives = [n for n in names if re.match(r"^nd4j-native-\d", n) and CLASSIFIED_JAR.search(n)]
    if len(nd4j_natives) > 1:
        problems.append(f"more than one ND4J native jar (dead weight, and the loader picks one): {nd4j_natives}")

    # 2. inside the jars: expected libraries, right binary format, no other platform's ND4J/bytedeco natives
    dirs = {"nd4j": f"org/nd4j/linalg/cpu/nativecpu/bindings/{want}/",
            "openblas": f"org/bytedeco/openblas/{platform}/",
            "javacpp": f"org/bytedeco/javacpp/{platform}/"}
    for key, jar_name in found.items():
        with zipfile.ZipFile(deps / jar_name) as z:
            entries = set(z.namelist())
            for lib in EXPECTED[os_family][key]:
                entry = dirs[key] + lib
                if entry not in entries:
                    problems.append(f"{jar_name} lacks {entry}")
                    continue
                with z.open(entry) as f:
                    head = f.read(4096)
                kind, machine = binary_kind(head)
                fmt, code = BINARY[platform]
                if kind != fmt or machine != code:
                    problems.append(f"{jar_name}!{entry} is {kind or 'not a native library'}"
                                    f" {MACHINE_NAMES.get(machine, machine) if machine else ''}, expected {fmt}"
                                    f" {MACHINE_NAMES[code]}")
    for n in names:
        with zipfile.ZipFile(deps / n) as z:
            for entry in z.namelist():
                if not (entry.startswith("org/nd4j/") or entry.startswith("org/bytedeco/")):
                    continue
                m = PLATFORM_DIR.search(entry)
                if m and m.group(1) not in (platform, want):
                    problems.append(f"{n}!{entry}: a {m.group(1)} resource")
                    break
                if NATIVE_FILE.search(entry) and not m:
                    problems.append(f"{n}!{entry}: a native library outside any platform directory")
                    break

    # 3. the manifest's class path and deps/ hold the same jars
    if not jar.is_file():
        problems.append(f"{jar} does not exist")
    else:
        cp = manifest_class_path(jar)
        if not cp:
            problems.append(f"{jar.name} has no Class-Path in its manifest")
        listed = set()
        for e in cp:
            if not e.startswith("deps/") or "/" in e[5:]:
                problems.append(f"manifest entry {e} is not a jar directly in deps/")
                continue
            listed.add(e[5:])
            if not (deps / e[5:]).is_file():
                problems.append(f"manifest lists {e}, which is not in deps/")
        for n in names:
            if n not in listed:
                problems.append(f"deps/{n} is not on the manifest's class path")
    return problems


def check_notebooks():
    """Every notebook's one %classpath line names the built jar, and nothing else adds jars."""
    problems = []
    notebooks = [ROOT / "notebook.ipynb"] + sorted((ROOT / "notebooks").glob("*.ipynb"))
    for nb_path in notebooks:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        magics = []
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            magics += [l.strip() for l in src.splitlines() if re.match(r"\s*%(classpath|jars|maven|addMavenDependency)", l)]
        rel = nb_path.relative_to(ROOT)
        cps = [m for m in magics if m.startswith("%classpath")]
        others = [m for m in magics if not m.startswith("%classpath")]
        if len(cps) != 1:
            problems.append(f"{rel}: {len(cps)} %classpath lines, expected one")
        if others:
            problems.append(f"{rel}: also adds jars with {others}")
        for m in cps:
            args = m.split()[1:]
            target = (nb_path.parent / args[0]).resolve() if len(args) == 1 else None
            if target != BUILT_JAR.resolve():
                problems.append(f"{rel}: '{m}' does not name lib/study/target/{JAR_NAME} (one path, relative "
                                f"to the notebook)")
            elif "\\" in args[0]:
                problems.append(f"{rel}: '{m}' uses backslashes")
    return problems, len(notebooks)


def mib(folder):
    return sum(p.stat().st_size for p in Path(folder).iterdir() if p.is_file()) / 2 ** 20


def build(platform, extension, out):
    cmd = ["mvn", "-B", "-q", "-f", str(ROOT / "lib" / "pom.xml"), "-pl", "study", "package",
           "-Dmaven.test.skip=true", f"-Djavacpp.platform={platform}",
           f"-Djavacpp.platform.extension={extension}", f"-DbuildDir={out}"]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        tail = "\n".join(r.stdout.splitlines()[-25:])
        raise RuntimeError(f"Maven failed for {platform}{extension}:\n{tail}")


def view(src, dst, drop=(), add=()):
    """dst: a copy of build dir src made of symlinks, without the jars named in drop, with the files in add."""
    (dst / "deps").mkdir(parents=True)
    os.symlink((src / JAR_NAME).resolve(), dst / JAR_NAME)
    for p in (src / "deps").iterdir():
        if p.name not in drop:
            os.symlink(p.resolve(), dst / "deps" / p.name)
    for p in add:
        os.symlink(Path(p).resolve(), dst / "deps" / Path(p).name)
    return dst


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", metavar="BUILD_DIR", help="only check this build directory (jar + deps/)")
    ap.add_argument("--platform", help="with --check: the platform it was built for")
    ap.add_argument("--extension", default="", help="with --check: the CPU extension it was built with")
    ap.add_argument("--keep", metavar="DIR", help="build into DIR and keep it (default: a temporary directory)")
    args = ap.parse_args()

    if args.check:
        if not args.platform:
            ap.error("--check needs --platform")
        problems = check_build(args.check, args.platform, args.extension)
        for p in problems:
            print(f"  FAIL {p}")
        print(f"{args.check}: {'OK' if not problems else f'{len(problems)} problem(s)'}")
        return 0 if not problems else 1

    t_start = time.monotonic()
    work = Path(args.keep).resolve() if args.keep else Path(tempfile.mkdtemp(prefix="packaging-"))
    failures = 0
    sizes = {}
    try:
        print(f"packaging lib/study per platform into {work} (Maven, no tests)")
        for platform, extension in BUILDS:
            out = work / (platform + extension)
            if out.exists():
                shutil.rmtree(out)
            t0 = time.monotonic()
            try:
                build(platform, extension, out)
            except RuntimeError as e:
                print(f"FAIL {platform}{extension}: {e}")
                failures += 1
                continue
            problems = check_build(out, platform, extension)
            sizes[platform + extension] = mib(out / "deps")
            jars = len(list((out / "deps").glob("*.jar")))
            status = "ok" if not problems else "FAIL"
            print(f"{status:4} {platform + extension:20} {jars} jars, {sizes[platform + extension]:6.1f} MiB "
                  f"({time.monotonic() - t0:.0f} s)")
            for p in problems:
                print(f"       {p}")
            failures += bool(problems)

        nb_problems, count = check_notebooks()
        print(f"{'ok' if not nb_problems else 'FAIL':4} notebooks: {count} with one %classpath line naming "
              f"lib/study/target/{JAR_NAME}" if not nb_problems else "FAIL notebooks:")
        for p in nb_problems:
            print(f"       {p}")
        failures += bool(nb_problems)

        # the checks must reject doctored folders
        built = {k: work / k for k in sizes}
        for stale in ("m1", "m2", "m3", "m4"):  # left by an earlier --keep run
            shutil.rmtree(work / stale, ignore_errors=True)
        if {"linux-x86_64", "macosx-arm64", "windows-x86_64"} <= built.keys():
            lin, mac, win = built["linux-x86_64"], built["macosx-arm64"], built["windows-x86_64"]
            mac_blas = next((mac / "deps").glob("openblas-*-macosx-arm64.jar"))
            chart = next((win / "deps").glob("xchart-*.jar"))
            extra = work / "extra-1.0.jar"
            with zipfile.ZipFile(extra, "w") as z:
                z.writestr("extra/Readme.txt", "a jar nobody listed")
            mutants = [
                ("linux-x86_64 + macOS arm64 OpenBLAS", view(lin, work / "m1", add=[mac_blas]), "linux-x86_64", ""),
                ("linux-x86_64 checked as macosx-arm64", lin, "macosx-arm64", ""),
                ("macosx-arm64 without its OpenBLAS", view(mac, work / "m2", drop=[mac_blas.name]),
                 "macosx-arm64", ""),
                ("windows-x86_64 + a jar the manifest lacks", view(win, work / "m3", add=[extra]),
                 "windows-x86_64", ""),
                ("windows-x86_64 without a jar the manifest lists", view(win, work / "m4", drop=[chart.name]),
                 "windows-x86_64", ""),
                ("linux-x86_64 (generic) checked as -avx2", lin, "linux-x86_64", "-avx2"),
            ]
            for label, folder, platform, extension in mutants:
                problems = check_build(folder, platform, extension)
                print(f"{'ok' if problems else 'FAIL':4} rejects {label}: "
                      + (problems[0] + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else "")
                         if problems else "NOT detected"))
                failures += not problems
        else:
            print("FAIL the doctored-folder checks need the linux, macOS arm64 and Windows builds")
            failures += 1

        print("\ndeps/ size per platform (MiB)")
        for platform, size in sizes.items():
            print(f"  {platform:30} {size:7.1f}")
        print(f"\npackaging test: {'passed' if not failures else f'{failures} failure(s)'} "
              f"in {time.monotonic() - t_start:.0f} s")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
