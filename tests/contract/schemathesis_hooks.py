"""schemathesis hooks for scripts/contract-test.sh (loaded through SCHEMATHESIS_HOOKS).

Every valid Idempotency-Key gets a fresh value: schemathesis reuses the same few header values
across unrelated requests, and the API answers a reused key exactly as the IETF draft says
(the original response, or 422 for another body), which would look like a refused valid
request. Keys that are invalid on purpose (empty, too long) are left as generated. Idempotent
replays have tests of their own (tests/api/idempotency.rs).

The coverage phase sends header values that break the header's `pattern` as if they were valid
(seen: `If-Match: 0`, which the API rightly refuses with 400). Positive cases get a well-formed
If-Match instead (one that names no version, so the request meets a 412 as documented);
malformed ones stay in the negative cases, and tests/api/http_api.rs checks their 400.

An order's lines must name products of the catalog (else 422, which tests/api/saga.rs checks):
positive orders get their lines pointed at the SKUs scripts/contract-test.sh created (`st-0` to
`st-99`, each 1.00), and any `total_amount` they send is made the sum of those lines. A positive
`PUT /products/st-N` goes to another SKU instead, so that those prices stay 1.00 (a catalog
price the run made up could push a total past 99999999.99, which is refused with 422)."""
import re
import uuid

import schemathesis

# The pattern of the If-Match header in spec/openapi.yaml.
IF_MATCH = re.compile(r'(\*|(W/)?"[!#-~]*"( *, *(W/)?"[!#-~]*")*)')


@schemathesis.hook
def before_call(context, case, kwargs):
    # Negative cases are left alone: editing their headers would turn them positive (and, for
    # a "missing Authorization" case, put the header back). They fail before any key lookup.
    if case.meta is not None and case.meta.generation.mode.is_negative:
        return
    if_match = (case.headers or {}).get("If-Match")
    if isinstance(if_match, str) and not IF_MATCH.fullmatch(if_match):
        case.headers["If-Match"] = '"0"'
    sku = (case.path_parameters or {}).get("sku")
    if case.method.upper() == "PUT" and isinstance(sku, str) and re.fullmatch(r"st-\d+", sku):
        case.path_parameters["sku"] = f"put-{uuid.uuid4().hex[:12]}"
    body = case.body if isinstance(case.body, dict) else None
    if case.method.upper() == "POST" and case.path == "/orders" and body and isinstance(body.get("items"), list):
        lines = [line for line in body["items"] if isinstance(line, dict)]
        for i, line in enumerate(lines):
            line["sku"] = f"st-{i}"
        if "total_amount" in body:
            body["total_amount"] = sum(l.get("quantity", 0) for l in lines if isinstance(l.get("quantity"), int))
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and 1 <= len(key) <= 255:
        case.headers["Idempotency-Key"] = f"st-{uuid.uuid4()}"
