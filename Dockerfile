# syntax=docker/dockerfile:1
# Multi-stage build of the `orders` binary. generated/ is committed, so the build needs neither
# Java nor the code generators; the Temporal SDK's protobufs compile in pure Rust (protox).
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin orders

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 orders
COPY --from=build /src/target/release/orders /usr/local/bin/orders
USER orders
ENV ORDERS_HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
ENTRYPOINT ["orders"]
CMD ["all"]
