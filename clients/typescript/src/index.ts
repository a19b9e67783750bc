// A thin typed client for the Order Processing API (spec/openapi.yaml).
//
// The types come from src/schema.d.ts, which `npm run generate` (and `make generate`) derives
// from the spec with openapi-typescript: never edit it by hand. The runtime is openapi-fetch:
// every call returns `{ data, error, response }`, where `data` is the typed success body and
// `error` the typed RFC 9457 problem (`application/problem+json`). Field names are the wire
// names (`customer_id`, `total_amount`, `invalid_params`, ...).
import createClient, { type Client, type ClientOptions } from "openapi-fetch";

import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths } from "./schema.js";

export type Order = components["schemas"]["Order"];
export type OrderStatus = components["schemas"]["OrderStatus"];
export type OrderEvent = components["schemas"]["OrderEvent"];
export type CreateOrderRequest = components["schemas"]["CreateOrderRequest"];
export type UpdateOrderRequest = components["schemas"]["UpdateOrderRequest"];
/** An RFC 9457 problem: the body of every error response. */
export type Problem = components["schemas"]["Problem"];
export type InvalidParam = components["schemas"]["InvalidParam"];
/** Every problem `type` the API answers with (`GET /problems/{type}` says what each means). */
export type ProblemTypeUri = components["schemas"]["ProblemTypeUri"];
export type ProblemTypeInfo = components["schemas"]["ProblemTypeInfo"];
/** `/problems/invalid-transition` (409), with where the order is and what may still be asked. */
export type InvalidTransitionProblem = components["schemas"]["InvalidTransitionProblem"];
/** `/problems/amount-locked` (409): the amount changes only while the order is pending. */
export type AmountLockedProblem = components["schemas"]["AmountLockedProblem"];

/** The problem types that carry extension members, by their `type`. */
interface ProblemsByType {
  "/problems/invalid-transition": InvalidTransitionProblem;
  "/problems/amount-locked": AmountLockedProblem;
}

/**
 * Narrows a problem by its `type`, the way to tell apart problems that share a status (409:
 * invalid transition, amount locked, Idempotency-Key in flight; 422: invalid fields,
 * Idempotency-Key reused).
 */
export function isProblemOfType<T extends ProblemTypeUri>(
  problem: Problem | undefined,
  type: T,
): problem is T extends keyof ProblemsByType ? ProblemsByType[T] : Problem & { type: T } {
  return problem?.type === type;
}
export type ListOrdersQuery = NonNullable<operations["listOrders"]["parameters"]["query"]>;

export type OrdersClient = Client<paths>;

/**
 * The openapi-fetch client for the API at `baseUrl` (e.g. `http://localhost:8080`).
 *
 * ```ts
 * const orders = createOrdersClient("http://localhost:8080");
 * const { data, error, response } = await orders.POST("/orders", {
 *   body: { customer_id: 42, total_amount: 19.99 },
 * });
 * ```
 */
export function createOrdersClient(baseUrl: string, options: Omit<ClientOptions, "baseUrl"> = {}): OrdersClient {
  return createClient<paths>({ ...options, baseUrl });
}

/** An error response, with its problem when the body was one. */
export class ProblemError extends Error {
  constructor(
    readonly response: Response,
    readonly problem: Problem | undefined,
  ) {
    super(`${response.status} ${problem?.title ?? response.statusText}: ${problem?.detail ?? "(no problem body)"}`);
    this.name = "ProblemError";
  }
}

/**
 * The targets of a `Link` header (RFC 8288) whose `rel` includes `rel`, resolved against `base`
 * (the URL the response came from): `Link: </orders?limit=2&cursor=x>; rel="next"`.
 */
export function linkTargets(link: string | null | undefined, rel: string, base: string | URL): URL[] {
  if (!link) return [];
  const targets: URL[] = [];
  // <uri-reference> followed by `; name=value` or `; name="quoted value"` parameters.
  const linkValue = /<([^>]*)>((?:\s*;\s*[^\s;,=]+(?:\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^;,]*))?)*)/g;
  const param = /;\s*([^\s;,=]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,]*)))?/g;
  for (const [, target, params] of link.matchAll(linkValue)) {
    for (const [, name, quoted, bare] of (params ?? "").matchAll(param)) {
      if (name?.toLowerCase() !== "rel") continue;
      const rels = (quoted ?? bare ?? "").replace(/\\(.)/g, "$1").trim().toLowerCase().split(/\s+/);
      if (rels.includes(rel.toLowerCase())) targets.push(new URL(target ?? "", base));
      break; // only the first `rel` parameter counts (RFC 8288, 3.3)
    }
  }
  return targets;
}

/** The next page of a `listOrders` response, from its `Link: <...>; rel="next"`, if any. */
export function nextPageUrl(response: Response, base?: string | URL): URL | undefined {
  return linkTargets(response.headers.get("Link"), "next", response.url || base || "http://invalid/")[0];
}

export interface OrdersPage {
  orders: Order[];
  response: Response;
  /** Where the next page is; absent on the last page. */
  next: URL | undefined;
}

/**
 * Every page of `GET /orders` for `query`, oldest orders first: the first page is asked with
 * `query`, each next one by following the previous page's `Link: <...>; rel="next"` as it is
 * (its cursor is opaque). Throws a {@link ProblemError} when a page is refused.
 */
export async function* listOrderPages(
  client: OrdersClient,
  query: ListOrdersQuery = {},
): AsyncGenerator<OrdersPage, void, undefined> {
  let result = await client.GET("/orders", { params: { query } });
  for (;;) {
    const { data, error, response } = result;
    if (data === undefined) throw new ProblemError(response, error);
    const next = nextPageUrl(response);
    yield { orders: data, response, next };
    if (!next) return;
    result = await client.GET("/orders", followLink(next));
  }
}

/** All of `GET /orders` for `query`, every page followed. */
export async function listAllOrders(client: OrdersClient, query: ListOrdersQuery = {}): Promise<Order[]> {
  const orders: Order[] = [];
  for await (const page of listOrderPages(client, query)) orders.push(...page.orders);
  return orders;
}

/** Request options that make openapi-fetch's `GET /orders` ask exactly for the `next` URL. */
function followLink(next: URL): { baseUrl: string; querySerializer: () => string } {
  const path = "/orders";
  if (!next.pathname.endsWith(path)) {
    throw new Error(`the next page link ${next.href} is not a ${path} URL`);
  }
  return {
    baseUrl: next.origin + next.pathname.slice(0, -path.length),
    querySerializer: () => next.search.replace(/^\?/, ""),
  };
}
