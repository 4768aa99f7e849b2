"""The moto server process: moto's server (what `moto_server` runs) on 127.0.0.1, on a free port, loopback only,
with dummy credentials, taught by a profile ("deploy-check", or "migration" for deploy-check-migration).

    python3 -m deploycheck.server PORT [PROFILE]     (what `start` runs, with scripts/ on PYTHONPATH)
"""
import os
import socket
import subprocess
import sys
import time

from . import offline
from .assembly import HarnessError
from .patching import Patches

PACKAGE_PARENT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START_SECONDS = 60


def profiles():
    """Profile name -> function(patches) that teaches moto."""
    from . import fixes
    from .migration import shims as migration_shims
    return {"deploy-check": fixes.teach_moto, "migration": migration_shims.teach_migration}


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def command(port, profile):
    return [sys.executable, "-m", "deploycheck.server", str(port), profile]


def start(log, account=None, profile="deploy-check", extra_env=None, port=None):
    """Starts the server process (its output into `log`); returns (process, port) once it listens."""
    port = port or free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [PACKAGE_PARENT, env.get("PYTHONPATH")]))
    if account:
        env["MOTO_ACCOUNT_ID"] = account
    env.update(extra_env or {})
    process = subprocess.Popen(command(port, profile), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                               env=env)
    deadline = time.time() + START_SECONDS
    while time.time() < deadline:
        if process.poll() is not None:
            raise HarnessError(f"the moto server exited with {process.returncode}; see {log.name}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, port
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise HarnessError(f"the moto server did not listen on 127.0.0.1:{port} within {START_SECONDS} s; see {log.name}")


def stop(process):
    """Stops the one server process the harness started (by its PID)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(port, profile):
    """The server process: loopback only, offline, moto taught by `profile`, then moto's server."""
    offline.allow_loopback_only()
    offline.go_offline(os.environ.get("MOTO_ACCOUNT_ID"))
    profiles()[profile](Patches())
    from moto.server import main as moto_server
    moto_server(["-H", "127.0.0.1", "-p", str(port)])


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "deploy-check")
