"""The bundled Java kernel, driven through jupyter_client/nbclient as Jupyter drives it.

Run with the project's Jupyter environment: .venv/bin/python -m pytest lib/kernel/src/test/python (tests/kernel-protocol.sh)
"""
import base64
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.manager import start_new_kernel
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[5]
STUDY_JAR = ROOT / "lib" / "study" / "target" / "mnist-study.jar"
PRINT_COMPILATION = re.compile(r"^\s*\d+\s+\d+\s+[%sbn!]*\s+(\d)\s+(\S+::\S+)")


@pytest.fixture(scope="session")
def jupyter_env():
    """Jupyter's folders under a temp dir, with the kernel installed there as `java`."""
    tmp = Path(tempfile.mkdtemp(prefix="kernel-test-"))
    env = {"JUPYTER_DATA_DIR": str(tmp / "data"), "JUPYTER_CONFIG_DIR": str(tmp / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "IPYTHONDIR": str(tmp / "ipython")}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "install-kernel.py"), "--force"], check=True,
                   capture_output=True)
    assert (tmp / "data" / "kernels" / "java" / "kernel.json").exists()
    yield tmp
    for k, v in old.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def kernel(jupyter_env):
    km, kc = start_new_kernel(kernel_name="java", env={**os.environ, "KERNEL_MAX_OUTPUT_BYTES": "20000"})
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def run(kc, code, timeout=60):
    """Executes code; returns (messages in order with arrival times, reply content)."""
    msg_id = kc.execute(code)
    messages = []
    deadline = time.time() + timeout
    while True:
        m = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        t = m["msg_type"]
        if t == "status" and m["content"]["execution_state"] == "idle":
            break
        if t in ("stream", "execute_result", "display_data", "update_display_data", "error"):
            messages.append((time.time(), t, m["content"]))
    while True:  # skip replies to earlier requests (e.g. the kernel_info of start-up)
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return messages, reply["content"]


def of(messages, kind):
    return [c for _, t, c in messages if t == kind]


def text(messages):
    return "".join(c["text"] for c in of(messages, "stream"))


def test_the_installed_class_data_archive_is_used(jupyter_env):
    """install-kernel.py writes kernel.jsa beside the kernel; -Xshare:on makes a JVM that cannot map it fail."""
    kernel_dir = jupyter_env / "data" / "kernels" / "java"
    archive = kernel_dir / "kernel.jsa"
    assert archive.is_file(), "install-kernel.py wrote no class-data archive"
    used = subprocess.run(["java", "-Xshare:on", f"-XX:SharedArchiveFile={archive}", "-Xlog:class+load=info",
                           "-cp", str(kernel_dir / "java-kernel.jar"), "org.mnistablation.kernel.WarmUp", "1 + 1"],
                          capture_output=True, text=True, timeout=120)
    assert used.returncode == 0, used.stderr[-2000:]
    shared = [l for l in used.stdout.splitlines() if "jdk.jshell" in l and "shared objects file" in l]
    assert shared, "JShell's classes were loaded from files, not from the archive"


def test_the_launcher_passes_the_compiler_directives_unless_turned_off(jupyter_env, tmp_path):
    """launch.sh starts java with the compiler-directives.json installed beside it; KERNEL_JIT_DIRECTIVES=0 leaves
    them out, and the JVM's "N compiler directives added" line stays out of the log. (A stand-in java prints that
    line and the arguments it was given.)"""
    kernel_dir = jupyter_env / "data" / "kernels" / "java"
    directives = kernel_dir / "compiler-directives.json"
    assert directives.is_file(), "install-kernel.py did not install the compiler directives"
    (tmp_path / "bin").mkdir()
    fake = tmp_path / "bin" / "java"
    fake.write_text('#!/bin/sh\necho "2 compiler directives added"\nprintf "%s\\n" "$@"\n')
    fake.chmod(0o755)
    (tmp_path / "release").write_text('JAVA_VERSION="17.0.9"\n')
    given = {}
    for setting in ("1", "0"):
        env = {**os.environ, "KERNEL_JAVA": str(fake), "KERNEL_JIT_DIRECTIVES": setting}
        out = subprocess.run(["bash", str(kernel_dir / "launch.sh"), "connection.json"], env=env,
                             capture_output=True, text=True, timeout=30, check=True)
        given[setting] = out.stdout.splitlines()
    assert f"-XX:CompilerDirectivesFile={directives}" in given["1"], given["1"]
    assert "2 compiler directives added" not in given["1"], "the JVM's announcement reached the kernel's log"
    assert not any(a.startswith("-XX:CompilerDirectivesFile") for a in given["0"]), given["0"]


def test_only_the_code_that_trains_gets_the_optimising_compiler(jupyter_env):
    """With the installed directives, a kernel session that compiles cells and runs a training kernel's loop hot
    compiles that loop's method with C2 (tier 4) and none of JShell's javac methods; without them javac's hottest
    methods reach tier 4 in the same session."""
    kernel_dir = jupyter_env / "data" / "kernels" / "java"
    cells = [f"%classpath {STUDY_JAR}", "import static org.mnistablation.notebook.Notebook.*;",
             "float[] z = new float[4096], h = new float[4096];\n"
             "for (int i = 0; i < 20000; i++)\n"
             "    org.mnistablation.train.ActivationKernels.forward(org.mnistablation.model.Activation.TANH, z, h, 4096);",
             'var model = Sequential("probe", Flatten(28, 28), Dense(128, "relu"), Dense(10, "softmax"));']

    def tier4(options):
        done = subprocess.run(["java", *options, "-XX:+PrintCompilation", "-cp", str(kernel_dir / "java-kernel.jar"),
                               "org.mnistablation.kernel.WarmUp", *cells], capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr[-2000:]
        # PrintCompilation rows: time, compile id, flags (%, s, !, b, n), tier, method
        compiled = (PRINT_COMPILATION.match(line) for line in done.stdout.splitlines() if "made not" not in line)
        return [m.group(2) for m in compiled if m and m.group(1) == "4"]

    directed = tier4(["-XX:+UnlockDiagnosticVMOptions", f"-XX:CompilerDirectivesFile={kernel_dir / 'compiler-directives.json'}"])
    assert any(m.startswith("org.mnistablation.train.ActivationKernels::") for m in directed), directed
    assert not [m for m in directed if m.startswith("com.sun.tools.javac.")]
    undirected = tier4([])
    assert [m for m in undirected if m.startswith("com.sun.tools.javac.")], "javac reached no tier-4 compile without " \
        "the directives either: this test no longer tells them apart"


def test_answers_the_servers_kernel_info_nudge_at_once(kernel):
    """jupyter_server 2.x connects a websocket only after its "nudge": kernel_info_request on shell and on control
    (repeated every 0.5 s) until it has a reply on either and some IOPub message, and the kernel's execution_state
    (from IOPub status messages) has left "starting". Both channels must answer, each request with busy/idle
    status messages on IOPub carrying the request as parent."""
    _, kc = kernel
    shell_req = kc.session.msg("kernel_info_request")
    control_req = kc.session.msg("kernel_info_request")
    started = time.time()
    kc.shell_channel.send(shell_req)
    kc.control_channel.send(control_req)
    replies = {}
    for name, get, req in (("shell", kc.get_shell_msg, shell_req), ("control", kc.get_control_msg, control_req)):
        while name not in replies:
            m = get(timeout=max(0.1, started + 5 - time.time()))
            if m["parent_header"].get("msg_id") == req["header"]["msg_id"]:
                replies[name] = m
    # (basekernel's reply has no "status" field; JupyterLab and jupyter_client treat that as ok)
    assert all(m["msg_type"] == "kernel_info_reply" and m["content"]["language_info"]["name"] == "java"
               for m in replies.values())
    wanted = {(r["header"]["msg_id"], s) for r in (shell_req, control_req) for s in ("busy", "idle")}
    while wanted:
        m = kc.get_iopub_msg(timeout=max(0.1, started + 5 - time.time()))
        if m["msg_type"] == "status":
            wanted.discard((m["parent_header"].get("msg_id"), m["content"]["execution_state"]))
    assert time.time() - started < 5


def test_history_requests_are_answered_with_busy_and_idle(kernel):
    """JupyterLab asks for the history when it connects; the busy/idle around the answer is the first status it
    counts (kernel_info's are not), so without it the status bar says "Unknown" until a cell runs."""
    _, kc = kernel
    run(kc, "int historyProbe = 41;")
    msg_id = kc.history(hist_access_type="tail", n=3, raw=True, output=False)
    states = []
    deadline = time.time() + 20
    while "idle" not in states and time.time() < deadline:
        m = kc.get_iopub_msg(timeout=20)
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status":
            states.append(m["content"]["execution_state"])
    assert states == ["busy", "idle"], states
    while True:
        reply = kc.get_shell_msg(timeout=20)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    assert reply["content"]["history"] == [], reply["content"]


def test_streams_arrive_while_the_cell_runs(kernel):
    _, kc = kernel
    msgs, reply = run(kc, 'System.out.println("first");\nThread.sleep(1500);\nSystem.out.println("second");')
    assert reply["status"] == "ok"
    streams = [(t, c["text"]) for t, k, c in msgs if k == "stream"]
    assert "first" in streams[0][1]
    assert streams[-1][0] - streams[0][0] > 1.0, "the first line was sent before the sleep ended"


def test_last_expression_is_the_result_and_state_persists(kernel):
    _, kc = kernel
    run(kc, "int answer = 41;")
    msgs, _ = run(kc, "answer + 1")
    assert of(msgs, "execute_result")[0]["data"]["text/plain"] == "42"


def test_images_are_complete_pngs(kernel):
    _, kc = kernel
    msgs, _ = run(kc, textwrap.dedent("""
        var img = new java.awt.image.BufferedImage(300, 200, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics(); g.setColor(java.awt.Color.RED); g.fillOval(10, 10, 200, 150); g.dispose();
        img"""))
    png = base64.b64decode(of(msgs, "execute_result")[0]["data"]["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png.endswith(b"IEND\xaeB`\x82"), "the PNG ends with its IEND chunk (not cut short)"


def test_html_markdown_and_update_display(kernel):
    _, kc = kernel
    msgs, _ = run(kc, 'display("<b>bold</b>", "text/html");\ndisplay("# Title", "text/markdown");')
    data = [c["data"] for c in of(msgs, "display_data")]
    assert data[0]["text/html"] == "<b>bold</b>"
    assert data[1]["text/markdown"] == "# Title"
    msgs, _ = run(kc, 'String id = display("step 1");\nupdateDisplay(id, "step 2");')
    first = of(msgs, "display_data")[0]
    update = of(msgs, "update_display_data")[0]
    assert first["transient"]["display_id"] == update["transient"]["display_id"]
    assert update["data"]["text/plain"] == "step 2"


def test_classpath_magic_adds_a_jar(kernel, tmp_path):
    _, kc = kernel
    src = tmp_path / "src" / "demo"
    src.mkdir(parents=True)
    (src / "Greeter.java").write_text("package demo; public class Greeter { public static String hi() { return \"hi from jar\"; } }")
    subprocess.run(["javac", "-d", str(tmp_path / "classes"), str(src / "Greeter.java")], check=True)
    subprocess.run(["jar", "cf", str(tmp_path / "greeter.jar"), "-C", str(tmp_path / "classes"), "."], check=True)
    msgs, reply = run(kc, f"%classpath {tmp_path / 'greeter.jar'}\ndemo.Greeter.hi()")
    assert reply["status"] == "ok", reply
    assert "hi from jar" in of(msgs, "execute_result")[0]["data"]["text/plain"]
    msgs, reply = run(kc, "%classpath /no/such.jar")
    assert reply["status"] == "error" and "does not exist" in reply["evalue"]


def test_errors_are_readable_and_the_kernel_survives(kernel):
    _, kc = kernel
    _, reply = run(kc, 'int x = "text";')
    assert reply["status"] == "error"
    assert "incompatible types" in reply["evalue"] and "line 1" in reply["evalue"]
    _, reply = run(kc, 'throw new IllegalStateException("boom")')
    assert reply["status"] == "error" and "IllegalStateException: boom" in reply["evalue"]
    assert not any("JavaKernel" in line for line in reply["traceback"]), "no kernel internals in the traceback"
    msgs, _ = run(kc, "1 + 1")
    assert of(msgs, "execute_result")[0]["data"]["text/plain"] == "2"


def test_system_exit_is_contained(kernel):
    _, kc = kernel
    _, reply = run(kc, "System.exit(0);")
    assert reply["status"] == "error" and "would end the kernel" in reply["evalue"]
    msgs, _ = run(kc, '"still alive"')
    assert "still alive" in of(msgs, "execute_result")[0]["data"]["text/plain"]


def test_chatty_output_is_bounded(kernel):
    _, kc = kernel
    msgs, reply = run(kc, 'for (int i = 0; i < 100000; i++) System.out.println("line " + i);')
    out = text(msgs)
    assert len(out) < 25000, len(out)
    assert "output truncated" in out


@pytest.mark.parametrize("code", ["Thread.sleep(60_000);", "long n = 0; while (true) { n++; }"])
def test_interrupt_stops_a_long_cell(kernel, code):
    km, kc = kernel
    msg_id = kc.execute(code)
    time.sleep(1.5)
    started = time.time()
    km.interrupt_kernel()
    reply = None
    while reply is None:
        m = kc.get_shell_msg(timeout=20)
        if m["parent_header"].get("msg_id") == msg_id:
            reply = m["content"]
    assert reply["status"] == "error", reply
    assert time.time() - started < 15
    msgs, _ = run(kc, '"after interrupt"')
    assert "after interrupt" in of(msgs, "execute_result")[0]["data"]["text/plain"]


def test_interrupt_reaches_a_cell_waiting_on_other_threads_cleanly(kernel):
    """A cell waiting for work on other threads (as a fit waits for its seeds' runs) is interrupted the Java way: it
    gets an InterruptedException and ends with its own clean-up, not a thread stopped inside a lock (which showed as
    IllegalMonitorStateException from LinkedBlockingQueue.poll)."""
    km, kc = kernel
    code = textwrap.dedent("""\
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var done = new java.util.concurrent.ExecutorCompletionService<Integer>(pool);
        for (int i = 0; i < 2; i++) done.submit(() -> { while (true) { Thread.sleep(5); } });
        try {
            while (true) done.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException("the cell saw the interrupt");
        } finally {
            pool.shutdownNow();
        }""")
    msg_id = kc.execute(code)
    time.sleep(2)
    started = time.time()
    km.interrupt_kernel()
    reply = None
    while reply is None:
        m = kc.get_shell_msg(timeout=20)
        if m["parent_header"].get("msg_id") == msg_id:
            reply = m["content"]
    assert reply["status"] == "error", reply
    assert time.time() - started < 2.5, "stopped by the interrupt, not by the delayed stop"
    assert reply["evalue"] == "interrupted: the cell was stopped (the cell saw the interrupt)", reply["evalue"]
    assert "IllegalMonitorState" not in reply["evalue"]
    msgs, _ = run(kc, "pool.isTerminated() || pool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)")
    assert of(msgs, "execute_result")[0]["data"]["text/plain"] == "true", "the cell's finally block ran"


def test_a_notebook_executes_end_to_end(jupyter_env, tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# t"),
                nbformat.v4.new_code_cell('System.out.println("hello");'),
                nbformat.v4.new_code_cell("var img = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);\nimg"),
                nbformat.v4.new_code_cell('display("<i>x</i>", "text/html");')]
    NotebookClient(nb, kernel_name="java", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert nb.cells[1].outputs[0]["text"] == "hello\n"
    assert "image/png" in nb.cells[2].outputs[0]["data"]
    assert nb.cells[3].outputs[0]["data"]["text/html"] == "<i>x</i>"


@pytest.mark.skipif(not STUDY_JAR.exists(), reason="helper jar not built")
def test_helper_jar_runs_nd4j_in_a_fresh_kernel(jupyter_env):
    km, kc = start_new_kernel(kernel_name="java")
    try:
        msgs, reply = run(kc, f"%jars {STUDY_JAR}\n"
                              "org.mnistablation.train.NdRuntime.ensureReady();\n"
                              "org.nd4j.linalg.factory.Nd4j.ones(2, 3).mmul(org.nd4j.linalg.factory.Nd4j.ones(3, 2)).getDouble(0, 0)",
                          timeout=120)
        assert reply["status"] == "ok", reply
        assert of(msgs, "execute_result")[0]["data"]["text/plain"] == "3.0"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.skipif(not STUDY_JAR.exists(), reason="helper jar not built")
def test_a_model_cell_before_the_setup_cell_says_in_one_line_what_to_run_first(jupyter_env, tmp_path):
    """After a kernel restart a model cell fails to compile (Sequential, Dense, data come from the setup cell's
    import): the error is one line naming the setup cell, found from the notebook's folder inside the project."""
    notebooks = ROOT / "notebooks"
    km, kc = start_new_kernel(kernel_name="java", cwd=str(notebooks))
    try:
        msgs, reply = run(kc, 'var model01 = Sequential("dropout 0.1",\n    Flatten(28, 28),\n    Dense(128, "relu"),\n'
                              '    Dropout(0.1),\n    Dense(10, "softmax"));')
        assert reply["status"] == "error", reply
        shown = [line for e in of(msgs, "error") for line in "\n".join(e["traceback"]).splitlines() if line.strip()]
        assert len(shown) == 1, shown
        assert "Run the notebook's setup cell first" in shown[0] and "Flatten" in shown[0], shown
        assert reply["evalue"].startswith("Run the notebook's setup cell first"), reply
        # an unrelated compile error keeps the compiler's message
        _, reply = run(kc, "int x = undefinedThing + 1;")
        assert "cannot find symbol" in reply["evalue"], reply
        assert "setup cell" not in reply["evalue"]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)

