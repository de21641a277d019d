"""`make run` starts the web server and the job worker with one command (honcho + the Procfile); Ctrl-C stops both."""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .fixtures import wait_for

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own server on 127.0.0.1
            return response.status == 200
    except OSError:
        return False


def test_the_makefile_runs_the_procfile_with_honcho():
    run = re.search(r"^run:.*?(?=^\S)", (ROOT / "Makefile").read_text() + "\nend:", re.S | re.M).group(0)
    assert "gongkai migrate" in run and "gongkai demo" in run and "honcho start -f Procfile" in run
    procfile = (ROOT / "Procfile").read_text()
    assert re.search(r"^web: gongkai runserver", procfile, re.M)
    assert re.search(
        r"^worker: (nice -n \d+ )?gongkai jobs worker$", procfile, re.M
    )  # niced: scans must not slow the pages


def test_web_and_worker_start_together_and_ctrl_c_stops_both(tmp_path):
    port = _free_port()
    bin_dir = Path(sys.executable).parent
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DJANGO_", "DATABASE_URL"))}
    env.update(
        PATH=f"{bin_dir}:{env.get('PATH', '')}",
        GONGKAI_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/run.sqlite3",
        HOST="127.0.0.1",
        PYTHONUNBUFFERED="1",
    )
    log = (tmp_path / "honcho.log").open("w+")
    honcho = subprocess.Popen(
        [str(bin_dir / "honcho"), "start", "-f", str(ROOT / "Procfile"), "-p", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(lambda: _answers(f"http://127.0.0.1:{port}/work/login/"), "网站开始响应", limit=120)
        wait_for(
            lambda: "后台任务进程：队列 gongkai（sqlite）" in (tmp_path / "honcho.log").read_text(),
            "后台任务进程启动",
        )
        assert (tmp_path / "jobs.sqlite3").exists()  # the queue's own SQLite file under VAR_DIR
        honcho.send_signal(signal.SIGINT)  # what Ctrl-C sends to the foreground process
        honcho.wait(timeout=60)
        output = (tmp_path / "honcho.log").read_text()
        assert "web.1 stopped" in output and "worker.1 stopped" in output, output
        assert "Consumer exiting." in output, output
        pids = [int(pid) for pid in re.findall(r"(?:web|worker)\.1 started \(pid=(\d+)\)", output)]
        assert len(pids) == 2, output
        time.sleep(0.5)
        for pid in pids:
            assert not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
        assert not _answers(f"http://127.0.0.1:{port}/work/login/")
    finally:
        if honcho.poll() is None:
            os.killpg(honcho.pid, signal.SIGKILL)
        log.close()
