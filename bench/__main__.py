"""Run the benchmarks: ``python -m bench`` runs every ``bench/*.py`` module that defines ``run()``,
``python -m bench org_list`` only the ones named.

They share one fresh, migrated database: a temporary SQLite file (removed afterwards), or, when
BENCH_DATABASE_URL is set, that database as-is (it must be empty and disposable). DATABASE_URL is used only
by the dashboard benchmark, whose large data set lives in its own PostgreSQL database (bench/dashboard.py).
Exits non-zero when any benchmark fails.
"""

import importlib
import os
import pkgutil
import sys
import tempfile
import traceback
from pathlib import Path


def discover() -> dict:
    import bench

    modules = {}
    for info in pkgutil.iter_modules(bench.__path__):
        module = importlib.import_module(f"bench.{info.name}")
        if callable(getattr(module, "run", None)):
            modules[info.name] = module
    return modules


def main(names: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="madani-bench-") as tmp:
        if os.environ.get("DATABASE_URL"):
            os.environ["BENCH_DASHBOARD_DATABASE_URL"] = os.environ.pop("DATABASE_URL")
        if os.environ.get("BENCH_DATABASE_URL"):
            os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        else:
            os.environ["MADANI_SQLITE_PATH"] = str(Path(tmp) / "bench.sqlite3")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "madani.settings")

        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0)

        modules = discover()
        unknown = sorted(set(names) - set(modules))
        if unknown:
            print(f"Unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(modules)}", file=sys.stderr)
            return 2
        failed = False
        for name, module in modules.items():
            if names and name not in names:
                continue
            try:
                for line in module.run():
                    print(line, flush=True)
            except Exception:
                failed = True
                print(f"Benchmark {name} failed:", file=sys.stderr)
                traceback.print_exc()
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
