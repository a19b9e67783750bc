"""Copies spec/openapi.yaml for openapi-generator without `minimum`/`maximum` in the `Money`
schema (see scripts/generate.sh for why). Usage: strip-money-bounds.py SPEC OUT"""
import sys

out, in_money = [], False
for line in open(sys.argv[1]).read().split("\n"):
    # A schema name sits at 4 spaces of indentation under components/schemas.
    if line.startswith("    ") and not line.startswith("     ") and line.strip():
        in_money = line.strip() == "Money:"
    if in_money and line.strip().split(":")[0] in ("minimum", "maximum"):
        continue
    out.append(line)
open(sys.argv[2], "w").write("\n".join(out))
