"""A bounded soak on the loopback cluster (tests/cluster/harness.py: two gunicorn app servers behind nginx,
two workers, Redis, PostgreSQL, moto's S3 server).

Four signed-in users — administrator, branch manager, M&E officer, trainer — and an anonymous visitor
browse and write through nginx at once for BENCH_SOAK_SECONDS (default 120): list pages, the dashboard,
the library, the public home page; the API creates organizations; the M&E officer asks for a donor report
every 15 s, which the workers build. Reports requests, 5xx (target 0), p50/p99 latency, and the
workers' resident memory at the start and the end. Needs PostgreSQL, Redis and nginx (`make cluster-test`
needs the same): `python -m bench soak`.
"""

import os
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

from bench import BenchmarkError

PAGES = {
    "admin@cluster.test": ["/en/organizations/", "/en/dashboard/", "/en/people/", "/en/activities/", "/"],
    "branch_manager@cluster.test": ["/organizations/", "/activities/", "/library/", "/dashboard/"],
    "me_officer@cluster.test": ["/en/indicators/", "/en/reports/", "/en/dashboard/", "/en/organizations/"],
    "trainer@cluster.test": ["/activities/", "/dashboard/", "/library/"],
    None: ["/", "/en/", "/en/news/", "/dashboard/impact/", "/en/library/"],
}


def run():
    from tests.cluster.harness import PASSWORD, Cluster
    from tests.cluster.test_cluster import hidden_fields

    seconds = float(os.environ.get("BENCH_SOAK_SECONDS", "120"))
    with tempfile.TemporaryDirectory(prefix="madani-soak-") as tmp:
        cluster = Cluster(Path(tmp), step_pause=0).up()
        try:
            base = cluster.url("nginx", "")
            branch = int(cluster.query("SELECT id FROM branches_branch WHERE code = 'raqqa'"))
            rss_start = {name: cluster.rss_kb(name) for name in ("worker1", "worker2", "app1", "app2")}
            latencies, statuses, lock = [], {}, threading.Lock()
            stop_at = time.monotonic() + seconds

            def record(started, response):
                with lock:
                    latencies.append(time.monotonic() - started)
                    statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

            def visitor(email):
                session = requests.Session()
                if email:
                    form = session.get(base + "/en/accounts/login/")
                    session.post(base + "/en/accounts/login/", data=hidden_fields(form.text)
                                 | {"login": email, "password": PASSWORD})
                pages, n, last_report = PAGES[email], 0, 0.0
                while time.monotonic() < stop_at:
                    started = time.monotonic()
                    if email == "admin@cluster.test" and n % 4 == 3:
                        name = f"Soak CSO {uuid.uuid4().hex[:12]}"
                        response = session.post(base + "/api/v1/organizations/", json={
                            "name_en": name, "name_ar": name, "branch": branch},
                            headers={"Authorization": "Token c1uster0000000000000000000000000000token"})
                    elif email == "me_officer@cluster.test" and started - last_report > 15:
                        last_report = started
                        form = session.get(base + "/en/reports/donor/")
                        response = session.post(base + "/en/reports/donor/", data=hidden_fields(form.text) | {
                            "program": cluster.program, "period": "year", "year": "2026", "language": "ar",
                            "format": "xlsx"})
                    else:
                        response = session.get(base + pages[n % len(pages)])
                    record(started, response)
                    n += 1

            threads = [threading.Thread(target=visitor, args=(email,)) for email in PAGES]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            time.sleep(3)  # the last reports finish
            rss_end = {name: cluster.rss_kb(name) for name in rss_start}
            reports = cluster.query("SELECT status || ':' || count(*) FROM reports_reportjob GROUP BY status")
        finally:
            cluster.stop()

    errors = sum(count for status, count in statuses.items() if status >= 500)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    yield f"soak_requests {len(latencies)} in {seconds:.0f} s ({len(latencies) / seconds:.1f}/s), statuses {statuses}"
    yield f"soak_5xx {errors} (target 0)"
    yield f"soak_latency_ms p50 {statistics.median(latencies) * 1000:.0f}, p99 {p99 * 1000:.0f}"
    yield f"soak_reports {reports.replace(chr(10), ', ')}"
    for name in rss_start:
        yield f"soak_rss_{name}_mb start {rss_start[name] / 1024:.0f}, end {rss_end[name] / 1024:.0f}"
    if errors:
        raise BenchmarkError(f"{errors} responses were 5xx")
