// The TypeScript client against a live server (scripts/test-typescript.sh starts one with
// ORDER_PROCESSING_DELAY=1h, so orders stay `processing` until they are cancelled).
import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { after, test } from "node:test";

import {
  createOrdersClient,
  isProblemOfType,
  linkTargets,
  listOrderPages,
  type Order,
  type OrderStatus,
  type Problem,
} from "../src/index.js";

const baseUrl = process.env["ORDERS_BASE_URL"];
if (!baseUrl) throw new Error("ORDERS_BASE_URL must name the server under test, e.g. http://127.0.0.1:8080");
const token = process.env["ORDERS_TOKEN"];
if (!token) throw new Error("ORDERS_TOKEN must hold a bearer token for the server under test");
const client = createOrdersClient(baseUrl, { headers: { Authorization: `Bearer ${token}` } });

// Each run gets its own customer, so its listings see only its own orders. Ids stay below
// 2^53: JSON numbers beyond that lose precision in JavaScript.
const customerId = 1_000_000_000_000_000 + randomInt(2 ** 47);
const created: Order[] = [];

async function createOrder(totalAmount: number, customer = customerId): Promise<Order> {
  const { data, error, response } = await client.POST("/orders", {
    body: { customer_id: customer, total_amount: totalAmount },
  });
  assert.equal(response.status, 201, `create: ${JSON.stringify(error)}`);
  assert.ok(data, "create: a body");
  created.push(data);
  return data;
}

/** The order once it is in one of `statuses`, polling for at most `ms`. */
async function waitForStatus(id: number, statuses: OrderStatus[], ms = 20_000): Promise<Order> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { data, error } = await client.GET("/orders/{id}", { params: { path: { id } } });
    assert.ok(data, `get ${id}: ${JSON.stringify(error)}`);
    if (statuses.includes(data.status)) return data;
    if (Date.now() > deadline) assert.fail(`order ${id} is still ${data.status} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test("creates an order and reads it back", async () => {
  const { data, error, response } = await client.POST("/orders", {
    body: { customer_id: customerId, total_amount: 19.99 },
    headers: { "Idempotency-Key": `ts-client-${customerId}` },
  });
  assert.equal(response.status, 201);
  assert.equal(error, undefined);
  assert.ok(data);
  created.push(data);
  const order: Order = data;
  assert.equal(order.customer_id, customerId);
  assert.equal(order.total_amount, 19.99); // exact: 19.99 on the wire, not 19.990000000000002
  assert.ok(Number.isSafeInteger(order.id) && order.id > 0, `id ${order.id}`);
  assert.equal(response.headers.get("Location"), `/orders/${order.id}`);
  assert.equal(order.status, "pending");

  const read = await client.GET("/orders/{id}", { params: { path: { id: order.id } } });
  assert.equal(read.response.status, 200);
  assert.ok(read.data);
  assert.equal(read.data.id, order.id);
  assert.equal(read.data.customer_id, customerId);
  assert.equal(read.data.total_amount, 19.99);
  assert.ok(["pending", "processing", "completed"].includes(read.data.status), read.data.status);
  assert.match(read.response.headers.get("ETag") ?? "", /^"\d+"$/);

  // The same Idempotency-Key and body: the original answer, and no second order.
  const replay = await client.POST("/orders", {
    body: { customer_id: customerId, total_amount: 19.99 },
    headers: { "Idempotency-Key": `ts-client-${customerId}` },
  });
  assert.equal(replay.response.status, 201);
  assert.equal(replay.data?.id, order.id);
});

test("an order with items reserves, charges and books, and a cancel refunds it", async () => {
  const sku = `ts-${customerId}`;
  const product = await client.PUT("/products/{sku}", {
    params: { path: { sku } },
    body: { name: "TypeScript tea", unit_price: 4.25, stock: 5 },
  });
  assert.equal(product.response.status, 201, JSON.stringify(product.error));
  assert.equal(product.data?.available, 5);

  const { data, error, response } = await client.POST("/orders", {
    body: { customer_id: customerId, items: [{ sku, quantity: 2 }] },
  });
  assert.equal(response.status, 201, JSON.stringify(error));
  assert.ok(data);
  created.push(data);
  assert.equal(data.total_amount, 8.5);
  assert.deepEqual(data.items, [{ sku, quantity: 2, unit_price: 4.25, line_total: 8.5 }]);

  const deadline = Date.now() + 20_000;
  let order: Order | undefined;
  while (Date.now() < deadline) {
    order = (await client.GET("/orders/{id}", { params: { path: { id: data.id } } })).data;
    if (order?.shipment?.status === "booked") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(order?.payment?.status, "charged", JSON.stringify(order));
  assert.equal((await client.GET("/products/{sku}", { params: { path: { sku } } })).data?.reserved, 2);

  const cancelled = await client.PUT("/orders/{id}", {
    params: { path: { id: data.id } },
    body: { status: "cancelled" },
  });
  assert.equal(cancelled.response.status, 200, JSON.stringify(cancelled.error));
  assert.equal(cancelled.data?.status, "cancelled");
  assert.equal(cancelled.data?.payment?.status, "refunded");
  assert.equal(cancelled.data?.shipment?.status, "cancelled");
  assert.equal((await client.GET("/products/{sku}", { params: { path: { sku } } })).data?.reserved, 0);
});

test("pages through one customer's orders with limit=2, following the Link header", async () => {
  const customer = customerId + 1;
  const mine: Order[] = [];
  for (const amount of [1, 2.5, 3.25, 4.99, 100]) mine.push(await createOrder(amount, customer));

  const pages: Order[][] = [];
  for await (const page of listOrderPages(client, { customer_id: customer, limit: 2 })) {
    assert.equal(page.response.status, 200);
    assert.ok(page.orders.length <= 2, `a page of ${page.orders.length}`);
    if (page.next) {
      assert.equal(page.next.searchParams.get("limit"), "2");
      assert.equal(page.next.searchParams.get("customer_id"), String(customer));
    }
    pages.push(page.orders);
    assert.ok(pages.length <= 10, "the Link header never stops");
  }
  assert.deepEqual(pages.map((p) => p.length), [2, 2, 1]);
  const seen = pages.flat();
  assert.ok(seen.every((o) => o.customer_id === customer));
  assert.deepEqual(
    seen.map((o) => o.id),
    mine.map((o) => o.id).sort((a, b) => a - b),
  );
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i - 1]!.id < seen[i]!.id, "ascending ids");
  assert.deepEqual(
    seen.map((o) => o.total_amount),
    [1, 2.5, 3.25, 4.99, 100],
  );
});

test("cancels an order with PUT status cancelled", async () => {
  const order = await createOrder(42.42);
  // With ORDER_PROCESSING_DELAY=1h the workflow holds the order in `processing`: cancel wins.
  await waitForStatus(order.id, ["processing", "completed"]);

  const { data, error, response } = await client.PUT("/orders/{id}", {
    params: { path: { id: order.id } },
    body: { status: "cancelled" },
  });
  if (response.status === 409) {
    // It completed first: the refusal is a typed problem.
    assert.ok(error);
    const problem: Problem = error;
    assert.equal(problem.status, 409);
    assert.equal(response.headers.get("Content-Type"), "application/problem+json");
    assert.ok(isProblemOfType(problem, "/problems/invalid-transition"), JSON.stringify(problem));
    assert.equal(problem.current_status, "completed");
    assert.deepEqual(problem.allowed, []);
    return;
  }
  assert.equal(response.status, 200, `cancel: ${JSON.stringify(error)}`);
  assert.ok(data);
  assert.equal(data.id, order.id);
  assert.equal(data.status, "cancelled");
  assert.match(response.headers.get("ETag") ?? "", /^"\d+"$/);

  const events = await client.GET("/orders/{id}/events", { params: { path: { id: order.id } } });
  assert.ok(events.data, JSON.stringify(events.error));
  assert.equal(events.data.at(0)?.from_status, null);
  assert.equal(events.data.at(-1)?.to_status, "cancelled");

  // A cancelled order is final: another change of status is a typed 409 problem.
  const again = await client.PUT("/orders/{id}", {
    params: { path: { id: order.id } },
    body: { status: "processing" },
  });
  assert.equal(again.response.status, 409);
  assert.equal(again.error?.status, 409);
  // Told apart from the other 409s by its type, with the extension members it documents.
  const refused = again.error;
  assert.ok(refused);
  assert.ok(isProblemOfType(refused, "/problems/invalid-transition"), JSON.stringify(refused));
  assert.equal(refused.current_status, "cancelled");
  assert.deepEqual(refused.allowed, []);
  // The type is dereferenceable.
  const page = await client.GET("/problems/{type}", { params: { path: { type: "invalid-transition" } } });
  assert.equal(page.data?.type, "/problems/invalid-transition");
  assert.equal(page.data?.title, refused.title);
});

test("an amount with three decimals is a typed 422 problem naming total_amount", async () => {
  const { data, error, response } = await client.POST("/orders", {
    body: { customer_id: customerId, total_amount: 1.999 },
  });
  assert.equal(data, undefined);
  assert.equal(response.status, 422);
  assert.equal(response.headers.get("Content-Type"), "application/problem+json");
  assert.ok(error);
  const problem: Problem = error;
  assert.equal(problem.status, 422);
  assert.ok(isProblemOfType(problem, "/problems/invalid-fields"), JSON.stringify(problem));
  assert.equal(typeof problem.title, "string");
  assert.equal(typeof problem.detail, "string");
  assert.ok(
    problem.invalid_params?.some((p) => p.name === "total_amount"),
    `invalid_params: ${JSON.stringify(problem.invalid_params)}`,
  );
});

test("an unknown order is a typed 404 problem", async () => {
  const { data, error, response } = await client.GET("/orders/{id}", {
    params: { path: { id: Number.MAX_SAFE_INTEGER } },
  });
  assert.equal(data, undefined);
  assert.equal(response.status, 404);
  assert.equal(error?.status, 404);
});

test("Link headers are parsed as RFC 8288 says", () => {
  const base = "http://127.0.0.1:8080/orders?limit=2";
  assert.deepEqual(
    linkTargets('</orders?limit=2&cursor=abc>; rel="next"', "next", base).map(String),
    ["http://127.0.0.1:8080/orders?limit=2&cursor=abc"],
  );
  assert.deepEqual(
    linkTargets('<https://x.test/a>; rel=prev, <b?c=1>; title="a, b"; rel="last next"', "next", base).map(String),
    ["http://127.0.0.1:8080/b?c=1"],
  );
  assert.deepEqual(linkTargets('</orders?cursor=z>; rel="prev"', "next", base), []);
  assert.deepEqual(linkTargets(null, "next", base), []);
});

// Deleting cancels each order's workflow first, so none is left waiting in Temporal.
after(async () => {
  for (const order of created) {
    const { response } = await client.DELETE("/orders/{id}", { params: { path: { id: order.id } } });
    assert.equal(response.status, 204, `delete ${order.id}`);
  }
});
