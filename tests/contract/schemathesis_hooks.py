"""schemathesis hooks for scripts/contract-test.sh (loaded through SCHEMATHESIS_HOOKS).

Every valid Idempotency-Key gets a fresh value: schemathesis reuses the same few header values
across unrelated requests, and the API answers a reused key exactly as the IETF draft says
(the original response, or 422 for another body), which would look like a refused valid
request. Keys that are invalid on purpose (empty, too long) are left as generated. Idempotent
replays have tests of their own (tests/idempotency.rs)."""
import uuid

import schemathesis


@schemathesis.hook
def before_call(context, case, kwargs):
    # Negative cases are left alone: editing their headers would turn them positive (and, for
    # a "missing Authorization" case, put the header back). They fail before any key lookup.
    if case.meta is not None and case.meta.generation.mode.is_negative:
        return
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and 1 <= len(key) <= 255:
        case.headers["Idempotency-Key"] = f"st-{uuid.uuid4()}"
