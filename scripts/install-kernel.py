#!/usr/bin/env python3
"""Installs the bundled Java kernel as the Jupyter kernelspec "java" (user install), on any system.

    python scripts/install-kernel.py            # in the environment that runs Jupyter (the project's .venv, conda's)
    python scripts/install-kernel.py --force    # replace another "java" kernel (e.g. IJava)
    python scripts/install-kernel.py --direct   # no bash launcher (what Windows gets)

It leaves an existing "java" kernel that is not this one (IJava, JJava) alone unless --force is given, always
updates an older copy of this kernel, and builds lib/kernel/target/java-kernel.jar with Maven when it is missing.
On Linux and macOS the kernelspec starts lib/kernel/kernelspec/launch.sh, which reads KERNEL_XMX, KERNEL_JAVA and
KERNEL_JAVA_OPTS each time the kernel starts. On Windows (or with --direct) it starts `java -jar java-kernel.jar`
itself, with the options fixed when installing: the heap is KERNEL_XMX (default 3g) and the Java is KERNEL_JAVA
(default: the `java` found on PATH now, written as a full path); run it again after changing them. The options
added for Java 22 and later are chosen from the version of that Java.

It also writes a class-data-sharing archive, kernel.jsa, beside the kernel: one warm-up run of the kernel class
(org.mnistablation.kernel.WarmUp) evaluates a setup cell and a model definition under -XX:ArchiveClassesAtExit, and
every later start maps those classes (JShell, the compiler, the helper jar's) instead of loading them. It is kept
while the kernel jar, the helper jar (this checkout's, unchanged), the Java and its options are the same; KERNEL_CDS=0 installs without it. The JIT compiler directives
(lib/kernel/kernelspec/compiler-directives.json: C2 only for the code that trains and measures) are installed beside
it; launch.sh reads KERNEL_JIT_DIRECTIVES=0 at each start, a direct kernel.json when installing. The kernel.json's
environment fixes OPENBLAS_CORETYPE as scripts/openblas-env.sh chooses it for this CPU (STUDY_BLAS_CORETYPE when
installing picks another): run it again on another machine.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "lib" / "kernel" / "target" / "java-kernel.jar"
LAUNCHER = ROOT / "lib" / "kernel" / "kernelspec" / "launch.sh"
OPENBLAS_ENV = ROOT / "scripts" / "openblas-env.sh"
DIRECTIVES = ROOT / "lib" / "kernel" / "kernelspec" / "compiler-directives.json"
STUDY_JAR = ROOT / "lib" / "study" / "target" / "mnist-study.jar"
MARKER = "mnist-study"
ARCHIVE = "kernel.jsa"
STAMP = "kernel.jsa.stamp"


def java_major(java):
    out = subprocess.run([java, "-XshowSettings:properties", "-version"], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True).stdout
    m = re.search(r"java\.specification\.version = (\d+)", out)
    return int(m.group(1)) if m else 17


def kernel_env():
    """The kernel's environment: one OpenMP thread, and the OpenBLAS kernel scripts/openblas-env.sh picks for this CPU
    (none where there is no bash to run it: OpenBLAS then chooses)."""
    env = {"OMP_NUM_THREADS": "1"}
    bash = shutil.which("bash")
    if bash:
        out = subprocess.run([bash, "-c", 'source "$1" && printf %s "${OPENBLAS_CORETYPE-}"', "-", str(OPENBLAS_ENV)],
                             stdout=subprocess.PIPE, text=True).stdout.strip()
        if out:
            env["OPENBLAS_CORETYPE"] = out
    return env


def launcher_spec():
    """The kernel.json that starts launch.sh, which reads the kernel's options each time it starts."""
    return {"argv": ["bash", "{resource_dir}/launch.sh", "{connection_file}"], "display_name": f"Java ({MARKER} kernel)",
            "language": "java", "interrupt_mode": "message", "env": kernel_env()}


def jvm_options(xmx, major):
    """The kernel's JVM options, as lib/kernel/kernelspec/launch.sh gives them."""
    opts = [f"-Xmx{xmx}", "-Djava.awt.headless=true", "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-XX:+UseParallelGC",
            "--add-modules", "jdk.incubator.vector"]
    if sys.platform.startswith("linux") and os.environ.get("KERNEL_THP", "0") == "1":
        opts.append("-XX:+UseTransparentHugePages")
    if major >= 22:
        opts += ["--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"]
    return opts


def kernel_spec(java, xmx, major, archive):
    """The kernel.json: java started directly (no shell), with the same options as lib/kernel/kernelspec/launch.sh."""
    argv = [java] + jvm_options(xmx, major)
    if os.environ.get("KERNEL_JIT_DIRECTIVES", "1") != "0":
        argv += ["-XX:+UnlockDiagnosticVMOptions", f"-XX:CompilerDirectivesFile={{resource_dir}}/{DIRECTIVES.name}"]
    if archive:
        argv += [f"-XX:SharedArchiveFile={{resource_dir}}/{ARCHIVE}", "-Xlog:cds=off,cds+dynamic=off"]
    argv += ["-jar", "{resource_dir}/java-kernel.jar", "{connection_file}"]
    return {"argv": argv, "display_name": f"Java ({MARKER} kernel)", "language": "java",
            "interrupt_mode": "message", "env": kernel_env()}


WARM_UP_CELLS = [
    f"%classpath {STUDY_JAR}\nimport static org.mnistablation.notebook.Notebook.*;",
    'var model = Sequential("warm-up", Flatten(28, 28), Dense(128, "relu"), Dropout(0.1), Dense(10, "softmax"));\n'
    'model.compile(Adam(), "sparse_categorical_crossentropy", "accuracy");',
]


def archive_stamp(java, major):
    """What an archive holds besides the kernel jar's classes: the Java, its options and the helper jar it loaded
    (an archive dumped by another checkout, or without an option the kernel now starts with, is not used by the JVM)."""
    return {"java": str(java), "options": jvm_options("1g", major)[1:], "study_jar": str(STUDY_JAR.resolve())}


def archive_is_current(kernel_dir, stamp):
    """True when kernel_dir's archive was written for this kernel jar, after the helper jar was built, and for
    this stamp (archive_stamp)."""
    archive, jar = kernel_dir / ARCHIVE, kernel_dir / JAR.name
    if not (archive.is_file() and jar.is_file()) or jar.read_bytes() != JAR.read_bytes():
        return False
    try:
        if json.loads((kernel_dir / STAMP).read_text(encoding="utf-8")) != stamp:
            return False
    except (OSError, ValueError):
        return False
    return not STUDY_JAR.is_file() or archive.stat().st_mtime > STUDY_JAR.stat().st_mtime


def write_archive(java, kernel_dir, major):
    """Runs the kernel's warm-up once under -XX:ArchiveClassesAtExit; True when kernel_dir/kernel.jsa was written."""
    archive = kernel_dir / ARCHIVE
    archive.unlink(missing_ok=True)
    (kernel_dir / STAMP).unlink(missing_ok=True)
    cells = WARM_UP_CELLS if STUDY_JAR.is_file() else ["1 + 1"]
    # --add-opens: what the kernel jar's manifest gives `java -jar` (the kernel suspends JShell's class indexing)
    cmd = [java] + jvm_options("1g", major) + [f"-XX:ArchiveClassesAtExit={archive}", "-Xlog:cds=off,cds+dynamic=off",
                                              "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED",
                                              "-cp", str(kernel_dir / JAR.name), "org.mnistablation.kernel.WarmUp"] + cells
    try:
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=180,
                              env=dict(os.environ, OMP_NUM_THREADS="1"))
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"install-kernel: no class-data archive ({e}); the kernel starts without it")
        return False
    if done.returncode != 0 or not archive.is_file():
        archive.unlink(missing_ok=True)
        print("install-kernel: no class-data archive (the warm-up failed: "
              f"{done.stderr.strip().splitlines()[-1:] or done.returncode}); the kernel starts without it")
        return False
    (kernel_dir / STAMP).write_text(json.dumps(archive_stamp(java, major)) + "\n", encoding="utf-8")
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--force", action="store_true", help="replace a 'java' kernel that is not this one")
    ap.add_argument("--name", default="java", help="kernelspec name (default: java, which the notebooks name)")
    ap.add_argument("--direct", action="store_true", help="start java itself, without the bash launcher")
    args = ap.parse_args()
    try:
        from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    except ImportError:
        sys.exit("install-kernel: jupyter_client is not importable by this Python; run it with the Python that "
                 "runs Jupyter (conda: activate the environment first)")

    java = os.environ.get("KERNEL_JAVA") or shutil.which("java")
    if not java:
        sys.exit("install-kernel: no java on PATH; install a JDK 17+ (conda: openjdk=17) or set KERNEL_JAVA")
    if not JAR.is_file():
        mvn = shutil.which("mvn")
        if not mvn:
            sys.exit(f"install-kernel: {JAR} is missing and Maven is not on PATH to build it")
        subprocess.run([mvn, "-q", "-B", "-pl", "kernel", "package", "-DskipTests"], cwd=ROOT / "lib", check=True)

    ksm = KernelSpecManager()
    try:
        existing = ksm.get_kernel_spec(args.name)
    except NoSuchKernel:
        existing = None
    if existing is not None and not args.force and MARKER not in existing.display_name:
        print(f"install-kernel: a '{args.name}' kernel is already installed ({existing.resource_dir}); "
              "use --force to replace it")
        return 0

    direct = args.direct or os.name == "nt"
    xmx = os.environ.get("KERNEL_XMX", "3g")
    major = java_major(java)
    keep = (existing is not None and MARKER in existing.display_name
            and archive_is_current(Path(existing.resource_dir), archive_stamp(java, major)))
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / args.name
        d.mkdir()
        shutil.copy2(JAR, d / JAR.name)
        shutil.copy2(DIRECTIVES, d / DIRECTIVES.name)
        if keep:
            shutil.copy2(Path(existing.resource_dir) / ARCHIVE, d / ARCHIVE)
            shutil.copy2(Path(existing.resource_dir) / STAMP, d / STAMP)
        if not direct:
            shutil.copy2(LAUNCHER, d / LAUNCHER.name)
        spec = kernel_spec(java, xmx, major, keep) if direct else launcher_spec()
        (d / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
        dest = Path(ksm.install_kernel_spec(str(d), kernel_name=args.name, user=True))
    archived = keep
    if not keep and os.environ.get("KERNEL_CDS", "1") != "0":
        archived = write_archive(java, dest, major)
        if archived and direct:
            (dest / "kernel.json").write_text(json.dumps(kernel_spec(java, xmx, major, True), indent=2) + "\n",
                                              encoding="utf-8")
    print(f"install-kernel: installed kernelspec '{args.name}' -> {dest}" + (f" (java: {java})" if direct else "")
          + (f", class-data archive {'kept' if keep else 'written'}" if archived else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
