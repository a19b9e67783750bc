"""Copies spec/openapi.yaml for openapi-generator without what its rust-server generator cannot
take (see scripts/generate.sh for why):
- `minimum`/`maximum` in the `Money` schema (domain::Money enforces them);
- the `requestBody` of response links (the generator's parser wants a string there, while
  OpenAPI allows any value; links only guide clients and schemathesis' stateful phase);
- `anyOf` lists of `required` alternatives in a schema (the generator emits code that does not
  compile for `anyOf`; the handler enforces them: `NewOrder::parse`).
Usage: spec-for-rust-server.py SPEC OUT"""
import sys

out, in_money, skip_below = [], False, None
for line in open(sys.argv[1]).read().split("\n"):
    indent = len(line) - len(line.lstrip(" "))
    if skip_below is not None:
        if line.strip() and indent > skip_below:
            continue
        skip_below = None
    # A schema name sits at 4 spaces of indentation under components/schemas.
    if line.startswith("    ") and not line.startswith("     ") and line.strip():
        in_money = line.strip() == "Money:"
    if in_money and line.strip().split(":")[0] in ("minimum", "maximum"):
        continue
    # A link's fields sit at 14 spaces (responses -> code -> links -> name -> field).
    if indent == 14 and line.strip() == "requestBody:":
        skip_below = indent
        continue
    # A schema's keywords sit at 6 spaces under components/schemas.
    if indent == 6 and line.strip() == "anyOf:":
        skip_below = indent
        continue
    out.append(line)
open(sys.argv[2], "w").write("\n".join(out))
