"""What one visit of the expensive link costs the server: CPU (a profile of the page's script
runs) and memory (the server's RSS growth per visit, kept by the closed sessions).

Starts a server whose script runs are each profiled (cProfile on the script thread; the
server's event loop, which sends the messages, is not in the profile but is in the CPU
figures), opens the expensive link of bench/load.py once to warm up, then `--visits` times
one after another as a bare websocket client (each visit a new session, closed when its
script finished), and prints the server CPU and RSS growth per visit and the profile's top
functions (cumulative and own time). The visits are paced like any page with a long
training (laptop/lane.py): the time per visit includes the pauses; the CPU does not.

Run: .venv/bin/python bench/visit_profile.py [--visits 20] [--seed-each] [--memory] [--port 8642]
     (--seed-each: a new seed every visit, so every visit trains; else the same link;
     --memory: tracemalloc's view of what the visits left allocated, their closed sessions
     included, by where it was allocated)
"""

import argparse
import asyncio
import cProfile
import io
import os
import pstats
import signal
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

LOGS = Path(__file__).resolve().parent / "results"
PROFILE = LOGS / "visit_profile.pstats"
MEMORY = LOGS / "visit_profile-memory.txt"  # with --memory: what the visits left allocated


def serve(port: int) -> None:
    """Run the app's server with every script run profiled; the profile is written to
    PROFILE on SIGUSR1 (and at exit)."""
    from streamlit.runtime.scriptrunner import script_runner
    from streamlit.web import cli

    lock = threading.Lock()
    profiles: list[cProfile.Profile] = []
    traced = os.environ.get("VISIT_TRACEMALLOC") == "1"
    snapshots = {}
    if traced:
        import tracemalloc

        tracemalloc.start(12)
    original = script_runner.ScriptRunner._run_script

    def profiled(self, rerun_data):
        profile = cProfile.Profile()
        profile.enable()
        try:
            return original(self, rerun_data)
        finally:
            profile.disable()
            with lock:
                profiles.append(profile)

    def dump(*_):
        if traced:
            import gc
            import tracemalloc

            gc.collect()
            after = tracemalloc.take_snapshot()
            diff = after.compare_to(snapshots["before"], "traceback")
            lines = []
            for stat in diff[:25]:
                lines.append(f"{stat.size_diff / 1024:+.0f} KiB, {stat.count_diff:+d} blocks")
                lines += [f"    {frame}" for frame in stat.traceback.format()[-12:]]
            MEMORY.write_text("\n".join(lines) + "\n")
        with lock:
            taken = list(profiles)
            profiles.clear()
        if taken:
            stats = pstats.Stats(taken[0])
            for profile in taken[1:]:
                stats.add(profile)
            stats.dump_stats(PROFILE)
        else:
            PROFILE.unlink(missing_ok=True)

    def clear(*_):
        with lock:
            profiles.clear()
        if traced:
            import gc
            import tracemalloc

            gc.collect()
            snapshots["before"] = tracemalloc.take_snapshot()

    script_runner.ScriptRunner._run_script = profiled
    signal.signal(signal.SIGUSR1, dump)
    signal.signal(signal.SIGUSR2, clear)
    sys.argv = ["streamlit", "run", "streamlit_app.py", "--server.port", str(port),
                "--server.address", "127.0.0.1", "--server.headless", "true",
                "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    cli.main()


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def main(argv=None) -> int:
    import subprocess
    import urllib.request

    from bench.load import _cpu_seconds, _hostile_link_visit, expensive_query

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=20)
    parser.add_argument("--seed-each", action="store_true")
    parser.add_argument("--port", type=int, default=8642)
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--memory", action="store_true",
                        help="trace allocations (slow): what the visits' sessions keep")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.port)
        return 0
    if not 1 <= args.visits <= 500:
        parser.error("--visits must be between 1 and 500")
    LOGS.mkdir(exist_ok=True)
    root = Path(__file__).resolve().parents[1]
    log = open(LOGS / "visit_profile-server.log", "wb")  # noqa: SIM115
    env = {**os.environ, "VISIT_TRACEMALLOC": "1" if args.memory else "0"}
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--port", str(args.port)],
                              cwd=root, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read().strip() == b"ok":
                        break
            except OSError:
                time.sleep(0.25)
        else:
            raise RuntimeError("the server did not start")

        def visit(seed):
            got = asyncio.run(_hostile_link_visit(url, expensive_query(seed), "profile"))
            if got.error:
                raise RuntimeError(got.error)
            return got.seconds

        visit(100)  # warm-up: imports, the first training of this link, caches
        visit(100)
        os.kill(server.pid, signal.SIGUSR2)  # the profile starts now
        time.sleep(0.5)
        rss, cpu = _rss_kib(server.pid), _cpu_seconds(server.pid)
        seconds = [visit(1000 + n if args.seed_each else 100) for n in range(args.visits)]
        cpu = _cpu_seconds(server.pid) - cpu
        grown = _rss_kib(server.pid) - rss
        PROFILE.unlink(missing_ok=True)
        os.kill(server.pid, signal.SIGUSR1)
        for _ in range(240):  # the profile (and the allocations' snapshot) written
            time.sleep(0.5)
            if PROFILE.exists() and time.time() - PROFILE.stat().st_mtime > 1:
                break
    finally:
        server.terminate()
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    seconds.sort()
    print(f"{args.visits} visits of the expensive link "
          f"({'a new seed each' if args.seed_each else 'the same link'}), one after another")
    print(f"  time per visit: median {seconds[len(seconds) // 2]:.3f} s")
    print(f"  server CPU per visit: {cpu / args.visits:.3f} s")
    print(f"  server RSS growth per visit: {grown / args.visits / 1024:.2f} MiB "
          f"({grown / 1024:.0f} MiB in all; closed sessions are kept 2 minutes by default)")
    out = io.StringIO()
    stats = pstats.Stats(str(PROFILE), stream=out)
    stats.sort_stats("cumulative").print_stats(args.top)
    stats.sort_stats("tottime").print_stats(args.top)
    print(out.getvalue())
    if args.memory:
        print(f"Allocations the {args.visits} visits left (sessions kept), largest first:")
        print(MEMORY.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
