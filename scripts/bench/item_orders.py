"""Orders with items, end to end, for `make bench`: creates N orders of one line each (32 at a
time), and plays the carrier: as each order's shipment is booked it sends `dispatched`, then
`delivered`. Timed from the first create to the last order completed. Prints
`orders=N completed=N orders_per_s=X carrier_events=N refused=N`.

usage: item_orders.py BASE_URL ADMIN_TOKEN CARRIER_TOKEN SKU N
"""

import concurrent.futures
import http.client
import json
import sys
import time
import urllib.parse


FINAL = ("completed", "cancelled", "failed")


class Api:
    def __init__(self, base: str, token: str) -> None:
        url = urllib.parse.urlsplit(base)
        self.connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        self.headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict | list]:
        self.connection.request(method, path, body=json.dumps(body) if body else None, headers=self.headers)
        response = self.connection.getresponse()
        data = response.read()
        return response.status, json.loads(data) if data else {}


def one_order(base: str, token: str, carrier: str, sku: str, customer: int) -> tuple[bool, int, int]:
    """Creates the order, drives it to `completed`; returns (completed, events sent, refused)."""
    api, carrier_api = Api(base, token), Api(base, carrier)
    status, order = api.call("POST", "/orders", {"customer_id": customer, "items": [{"sku": sku, "quantity": 1}]})
    if status != 201:
        return False, 0, 0
    path = f"/orders/{order['id']}"
    sent = refused = 0
    # Waits on the order's history (PostgreSQL only: `GET /orders/{id}` would also ask the
    # workflow its current step, a Temporal query that loads the server being measured) until
    # the shipment is booked; each event's 200 then means it was carried out.
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        _, events = api.call("GET", f"{path}/events")
        if any(e.get("step") == "BookShipment" for e in events) or any(e.get("to_status") in FINAL for e in events):
            break
        time.sleep(0.05)
    for event in ("dispatched", "delivered"):
        status, _ = carrier_api.call("POST", f"{path}/shipment/events", {"status": event})
        sent += 1
        refused += status != 200
    _, now = api.call("GET", path)
    return now.get("status") == "completed", sent, refused


def main() -> None:
    base, token, carrier, sku, count = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(lambda c: one_order(base, token, carrier, sku, c), range(1, count + 1)))
    elapsed = time.perf_counter() - started
    completed = sum(1 for done, _, _ in results if done)
    events = sum(sent for _, sent, _ in results)
    refused = sum(r for _, _, r in results)
    print(
        f"orders={count} completed={completed} orders_per_s={count / elapsed:.1f} "
        f"carrier_events={events} refused={refused}"
    )


if __name__ == "__main__":
    main()
