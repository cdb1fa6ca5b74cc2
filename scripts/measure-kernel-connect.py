"""Times how long a Jupyter server (JupyterLab's) takes to connect a websocket to a kernel, as JupyterLab does.

Starts `jupyter-server` (or jupyter-lab) from the given venv on 127.0.0.1 with a token and private Jupyter dirs,
installs a kernelspec `java` made from lib/kernel/target/java-kernel.jar there (or uses --kernel-dir as is),
starts a kernel through the REST API, opens /api/kernels/<id>/channels (the server only completes the websocket
handshake after its kernel_info "nudge") and sends kernel_info_request and an execute_request on it.
Prints the seconds from kernel start to: websocket open, kernel_info_reply, execute_reply.

Usage: <venv>/bin/python scripts/measure-kernel-connect.py [--venv DIR] [--kernel-dir DIR] [--runs N]
Needs the venv's packages: jupyter_server, requests, websocket-client.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def msg(msg_type, content, session):
    return {"header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "probe", "session": session,
                       "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": []}


def wait_reply(ws, msg_id, msg_type, timeout):
    ws.settimeout(timeout)
    while True:
        m = json.loads(ws.recv())
        if m.get("parent_header", {}).get("msg_id") == msg_id and m["msg_type"] == msg_type:
            return m


def one_run(base, token, timeout):
    h = {"Authorization": f"token {token}"}
    t0 = time.time()
    r = requests.post(f"{base}/api/kernels", json={"name": "java"}, headers=h, timeout=60)
    r.raise_for_status()
    kid = r.json()["id"]
    out = {"kernel_id": kid}
    try:
        session = uuid.uuid4().hex
        url = base.replace("http", "ws") + f"/api/kernels/{kid}/channels?session_id={session}"
        ws = websocket.create_connection(url, header=[f"Authorization: token {token}"], timeout=timeout)
        out["websocket_open_s"] = round(time.time() - t0, 2)
        m = msg("kernel_info_request", {}, session)
        ws.send(json.dumps(m))
        wait_reply(ws, m["header"]["msg_id"], "kernel_info_reply", timeout)
        out["kernel_info_reply_s"] = round(time.time() - t0, 2)
        m = msg("execute_request", {"code": "1 + 1", "silent": False, "store_history": True,
                                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}, session)
        ws.send(json.dumps(m))
        rep = wait_reply(ws, m["header"]["msg_id"], "execute_reply", timeout)
        out["execute_reply_s"] = round(time.time() - t0, 2)
        out["execute_status"] = rep["content"]["status"]
        ws.close()
    finally:
        requests.delete(f"{base}/api/kernels/{kid}", headers=h, timeout=60)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--venv", default=str(Path(sys.executable).parents[1]))
    ap.add_argument("--kernel-dir", help="an installed kernelspec folder to use as `java` (default: build's jar)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=120)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kernel-connect-"))
    spec = tmp / "data" / "kernels" / "java"
    if a.kernel_dir:
        shutil.copytree(a.kernel_dir, spec)
    else:
        spec.mkdir(parents=True)
        shutil.copy(ROOT / "lib/kernel/target/java-kernel.jar", spec)
        shutil.copy(ROOT / "lib/kernel/kernelspec/launch.sh", spec)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": ["bash", "{resource_dir}/launch.sh", "{connection_file}"],
            "display_name": "Java (mnist-study kernel)", "language": "java", "interrupt_mode": "message",
            "env": {"OMP_NUM_THREADS": "1"}}))
    env = {**os.environ, "JUPYTER_DATA_DIR": str(tmp / "data"), "JUPYTER_CONFIG_DIR": str(tmp / "config"),
           "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"), "IPYTHONDIR": str(tmp / "ipython"),
           "JUPYTER_PATH": str(tmp / "data")}
    port, token = free_port(), uuid.uuid4().hex
    log = open(tmp / "server.log", "w")
    server = subprocess.Popen([f"{a.venv}/bin/jupyter-server", "--no-browser", "--allow-root", "--ip=127.0.0.1",
                               f"--port={port}", f"--IdentityProvider.token={token}", f"--root_dir={tmp}",
                               "--debug"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(f"{base}/api/status", headers={"Authorization": f"token {token}"}, timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.2)
        specs = requests.get(f"{base}/api/kernelspecs", headers={"Authorization": f"token {token}"}).json()
        print("kernelspec java:", specs["kernelspecs"]["java"]["spec"]["display_name"], "from", spec, flush=True)
        for i in range(a.runs):
            print(json.dumps(one_run(base, token, a.timeout)), flush=True)
    finally:
        server.terminate()
        server.wait(30)
        log.close()
        nudge = [ln.rstrip() for ln in open(tmp / "server.log") if "Nudge" in ln or "activity on" in ln]
        print(f"server log: {len(nudge)} nudge/activity lines; first ones:")
        print("\n".join(nudge[:12]))
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
