"""Cancel latency for `make bench`: cancels the given orders one at a time, paced, and prints
the latency of each answer as figures: `answered=N ok=N in_progress=N other=N p50_ms=X p99_ms=X
max_ms=X`. `ok` is a 200 (cancelled when answered), `in_progress` a 202 (the cancel's deadline,
ORDERS_TEMPORAL_TIMEOUT, passed first).

usage: cancel_latency.py BASE_URL TOKEN PACE_SECONDS ID...
BENCH_VERBOSE=1 also prints each answer (time, order, status, latency) to stderr, to see when in
the burst the slow ones came.
"""

import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse


def main() -> None:
    base, token, pace, ids = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    body = json.dumps({"status": "cancelled"})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    latencies, codes = [], {}
    for order_id in ids:
        started = time.perf_counter()
        connection.request("PUT", f"/orders/{order_id}", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        codes[response.status] = codes.get(response.status, 0) + 1
        if os.environ.get("BENCH_VERBOSE"):
            print(f"{time.time():.1f} {order_id} {response.status} {latencies[-1]:.0f}ms", file=sys.stderr)
        time.sleep(pace)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    other = sum(n for code, n in codes.items() if code not in (200, 202))
    print(
        f"answered={len(latencies)} ok={codes.get(200, 0)} in_progress={codes.get(202, 0)} other={other} "
        f"p50_ms={statistics.median(latencies):.0f} p99_ms={p99:.0f} max_ms={latencies[-1]:.0f}"
    )


if __name__ == "__main__":
    main()
