"""How long a read command of the CLI takes, start to exit, as a person runs it: a fresh
`python -m newsfeed.cli …` process on the demo's SQLite database (73 articles, loaded once
by `newsfeed demo --no-serve` into a temporary folder). The target: under 0.4 s.

Beside each command, in the same run and on the same database: the CLI as it was before
the cli/ package (`src/newsfeed/cli.py` of `--baseline`, run as a script); "lazy store",
the same CLI with `store.migrate` (alembic) and `store.writes` (normalize, feedparser)
replaced by empty modules and `upgrade()` by a no-op, which is what a read command would
cost if store/ imported its migration and write paths only when they run (a projection,
not a product); and the floor, a Python that only imports `newsfeed`. Commands and
variants run interleaved, round after round; each figure is the best and the median of N
rounds, in wall-clock seconds.

    .venv/bin/python bench/cli_start.py [--runs 15] [--baseline REV] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "--help": ["--help"],
    "sources": ["sources"],
    "articles": ["articles", "-n", "20"],
    "search flood": ["search", "flood"],
    "settings": ["settings"],
}
TARGET_S = 0.4


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def git_show(rev: str, path: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def baseline_cli(rev: str | None, folder: Path) -> Path | None:
    """The old single-module CLI as a script, or None when it cannot be found."""
    revs = [rev] if rev else ["HEAD", _deleted_in() + "^"]
    for candidate in revs:
        try:
            source = git_show(candidate, "src/newsfeed/cli.py")
        except (subprocess.CalledProcessError, ValueError):
            continue
        script = folder / "old_cli.py"
        script.write_text(source)
        return script
    return None


def _deleted_in() -> str:
    found = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%H", "--", "src/newsfeed/cli.py"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not found:
        raise ValueError("no commit touched src/newsfeed/cli.py")
    return found


LAZY_STORE = """
import sys, types
for name in ("newsfeed.store.migrate", "newsfeed.store.writes"):
    sys.modules[name] = types.ModuleType(name)
sys.modules["newsfeed.store.migrate"].upgrade = lambda engine: None
from newsfeed.cli.app import main
main()
"""


def timed(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, env=env, cwd=cwd)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed: {proc.stderr.decode(errors='replace')}")
    return elapsed


def load_demo(data: Path, env: dict[str, str]) -> str:
    cmd = [sys.executable, "-m", "newsfeed.cli", "--data-dir", str(data)]
    subprocess.run([*cmd, "demo", "--no-serve", "--port", str(free_port())], env=env, check=True)
    return f"sqlite:///{data / 'demo' / 'newsfeed.sqlite3'}"


def measure(runs: int, rev: str | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFEED_")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = load_demo(folder / "data", env)
        old = baseline_cli(rev, folder)
        variants = {
            "new": [sys.executable, "-m", "newsfeed.cli", "--database-url", url],
            "lazy store": [sys.executable, "-c", LAZY_STORE, "--database-url", url],
            "floor": [sys.executable, "-c", "import newsfeed"],
        }
        if old is not None:
            variants["old"] = [sys.executable, str(old), "--database-url", url]
        times: dict[str, dict[str, list[float]]] = {
            name: {v: [] for v in variants} for name in COMMANDS
        }
        for _ in range(runs):
            for name, args in COMMANDS.items():
                for variant, argv in variants.items():
                    extra = [] if variant == "floor" else args
                    times[name][variant].append(timed([*argv, *extra], env, folder))
    return {name: summarize(by_variant) for name, by_variant in times.items()}


def summarize(by_variant: dict[str, list[float]]) -> dict[str, object]:
    row: dict[str, object] = {
        v: {"best_s": round(min(t), 4), "median_s": round(statistics.median(t), 4)}
        for v, t in by_variant.items()
    }
    if "old" in by_variant:
        row["old_over_new_median"] = round(
            statistics.median(by_variant["old"]) / statistics.median(by_variant["new"]), 2
        )
    row["new_under_target"] = statistics.median(by_variant["new"]) < TARGET_S
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", help="git revision whose src/newsfeed/cli.py to compare")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    started = datetime.now(UTC)
    results = measure(args.runs, args.baseline)
    report = {
        "bench": "cli_start",
        "when": started.isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "load_avg": os.getloadavg(),
        "runs": args.runs,
        "target_s": TARGET_S,
        "commands": results,
    }
    names = ["new", "old", "lazy store", "floor"]
    print(f"{'median (best) s':<14}" + "".join(f"{n:>16}" for n in names))
    for command, row in results.items():
        cells = []
        for n in names:
            got = row.get(n)
            cells.append(f"{got['median_s']:.3f} ({got['best_s']:.3f})" if got else "—")  # type: ignore[index]
        print(f"{command:<14}" + "".join(f"{c:>16}" for c in cells))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
