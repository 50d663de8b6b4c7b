"""HTTP load: wrk when present (installed with apt-get when possible), else a Python generator.

Every run is bounded: a fixed duration, a fixed number of connections, loopback only.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing as mp
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

# wrk's opening and closing hooks, shared by every wrk script here. Setup numbers the threads
# (``tid``, 1-based) and keeps them, so ``done`` can add up each thread's ``reused`` (tokens
# sent a second time) into the one BENCH_JSON line the runner reads.
WRK_SETUP = r"""
local threads = {}
local tid_next = 1
function setup(thread)
  thread:set("tid", tid_next)
  tid_next = tid_next + 1
  threads[#threads + 1] = thread
end
"""

WRK_TOKENS = r"""function load_tokens()
  tokens = {}
  local tf = os.getenv("BENCH_TOKENS")
  if tf and tf ~= "" then
    for line in io.lines(tf) do tokens[#tokens + 1] = line end
    if #tokens == 0 then error("BENCH_TOKENS is empty") end
  end
  t = tid
  reused = 0
  wrapped = false
end

function authorize(headers)
  if #tokens > 0 then
    if t > #tokens then
      t = tid
      wrapped = true
    end
    if wrapped then reused = reused + 1 end
    headers["Authorization"] = "Bearer " .. tokens[t]
    t = t + step
  end
end
"""

WRK_DONE = r"""function done(summary, latency, requests)
  local e = summary.errors
  local reused = 0
  for _, thread in ipairs(threads) do reused = reused + (thread:get("reused") or 0) end
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "mean_us": %.1f, "non2xx": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "timeouts": %d, "tokens_reused": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, e.status, e.connect, e.read, e.write,
    e.timeout, reused))
end
"""

WRK_SCRIPT = WRK_SETUP + WRK_TOKENS + r"""
function init(args)
  local f = io.open(os.getenv("BENCH_BODY"), "rb")
  body = f:read("*a")
  f:close()
  path = os.getenv("BENCH_PATH")
  step = tonumber(os.getenv("BENCH_THREADS"))
  load_tokens()
  headers = {["Content-Type"] = "application/json"}
end

function request()
  authorize(headers)
  return wrk.format("POST", path, headers, body)
end

""" + WRK_DONE


def ensure_wrk() -> str | None:
    """Path of wrk; tries ``apt-get install -y wrk`` once when running as root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "install", "-y", "-qq", "wrk"],
                    ["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
            try:
                subprocess.run(cmd, env=env, capture_output=True, timeout=300, check=False)
            except (OSError, subprocess.TimeoutExpired):
                break
            found = shutil.which("wrk")
            if found:
                return found
    return None


class WrkFailed(RuntimeError):
    """wrk did not give a result: it failed (a Lua error, a refused connection), printed no
    BENCH_JSON line, or overran its deadline (then it was killed). The message says which,
    with the end of what wrk printed."""


def wrk_json(wrk: str, args: list[str], env: dict[str, str], *, seconds: float,
             grace: float = 30.0) -> dict[str, Any]:
    """Run ``wrk args`` for ``seconds`` and return its BENCH_JSON line as a dict.

    Killed after ``seconds + grace``; every failure raises ``WrkFailed`` saying why."""
    cmd = [wrk, *args]
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True,
                              timeout=seconds + grace, check=False)
    except subprocess.TimeoutExpired as err:
        raise WrkFailed(f"wrk still running {seconds + grace:.0f} s after a {seconds:.0f} s "
                        f"run: killed; it printed: {_tail(err.stdout, err.stderr)}") from None
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("BENCH_JSON ")), None)
    if done.returncode != 0 or line is None:
        raise WrkFailed(f"wrk exited with {done.returncode}"
                        f"{'' if line else ' without a result'}: "
                        f"{_tail(done.stdout, done.stderr)}")
    return json.loads(line.removeprefix("BENCH_JSON "))


def _tail(stdout: str | bytes | None, stderr: str | bytes | None, lines: int = 8) -> str:
    text = "\n".join(x.decode(errors="replace") if isinstance(x, bytes) else x
                     for x in (stderr, stdout) if x)
    kept = [ln for ln in text.splitlines() if ln.strip()][-lines:]
    return " | ".join(kept) or "(nothing)"


def run_wrk(wrk: str, url: str, path: str, body: bytes, *, connections: int, seconds: float,
            threads: int = 2, tokens: list[str] | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="cds-bench-") as tmp:
        script = Path(tmp, "post.lua")
        script.write_text(WRK_SCRIPT)
        body_file = Path(tmp, "body.json")
        body_file.write_bytes(body)
        token_file = ""
        if tokens:
            token_file = str(Path(tmp, "tokens.txt"))
            Path(token_file).write_text("\n".join(tokens) + "\n")
        env = {**os.environ, "BENCH_BODY": str(body_file), "BENCH_PATH": path,
               "BENCH_THREADS": str(threads), "BENCH_TOKENS": token_file}
        raw = wrk_json(wrk, ["-t", str(threads), "-c", str(connections), "-d",
                             f"{seconds:.0f}s", "--timeout", "10s", "-s", str(script), url],
                       env, seconds=seconds)
    return _summary(raw["requests"], raw["duration_us"] / 1e6, raw["p50_us"] / 1000,
                    raw["p99_us"] / 1000, raw["non2xx"],
                    raw["connect_errors"] + raw["read_errors"] + raw["write_errors"]
                    + raw["timeouts"], tool="wrk")


def _summary(requests: int, seconds: float, p50_ms: float, p99_ms: float, non2xx: int,
             errors: int, *, tool: str) -> dict[str, Any]:
    return {"requests": requests, "seconds": round(seconds, 2),
            "rps": round(requests / seconds, 1) if seconds else 0.0,
            "p50_ms": round(p50_ms, 2), "p99_ms": round(p99_ms, 2),
            "non2xx": non2xx, "errors": errors, "tool": tool}


def _py_worker(args: tuple[str, int, str, bytes, int, float, list[str]]) -> tuple[
        list[float], int, int]:
    import threading

    host, port, path, body, conns, seconds, tokens = args
    latencies: list[float] = []
    bad = [0, 0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    counter = iter(range(10**9))

    def one() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=10)
        local: list[float] = []
        while time.monotonic() < deadline:
            headers = {"Content-Type": "application/json"}
            if tokens:
                headers["Authorization"] = "Bearer " + tokens[next(counter) % len(tokens)]
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException):
                with lock:
                    bad[1] += 1
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=10)
                continue
            local.append(time.perf_counter() - started)
            if not 200 <= status < 300:
                with lock:
                    bad[0] += 1
        conn.close()
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=one) for _ in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 30)
    return latencies, bad[0], bad[1]


def run_python(host: str, port: int, path: str, body: bytes, *, connections: int,
               seconds: float, tokens: list[str] | None = None,
               processes: int = 2) -> dict[str, Any]:
    """Fallback generator: ``processes`` processes sharing ``connections`` keep-alive ones."""
    per = [connections // processes + (1 if i < connections % processes else 0)
           for i in range(processes)]
    shards = [tokens[i::processes] if tokens else [] for i in range(processes)]
    started = time.perf_counter()
    with mp.get_context("spawn").Pool(processes) as pool:
        results = pool.map(_py_worker, [(host, port, path, body, n, seconds, shards[i])
                                        for i, n in enumerate(per) if n])
    elapsed = time.perf_counter() - started
    latencies = sorted(x for r in results for x in r[0])
    if not latencies:
        return _summary(0, elapsed, 0, 0, sum(r[1] for r in results),
                        sum(r[2] for r in results), tool="python")
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return _summary(len(latencies), min(elapsed, seconds + 0.5),
                    statistics.median(latencies) * 1000, p99 * 1000,
                    sum(r[1] for r in results), sum(r[2] for r in results), tool="python")
