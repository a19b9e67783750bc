# syntax=docker/dockerfile:1
# Multi-stage build of the `orders` binary. generated/ is committed, so the build needs neither
# Java nor the code generators; the Temporal SDK's protobufs compile in pure Rust (protox).
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
# The same build as `make build`.
RUN cargo build --release --locked --bin orders

# Run time needs only libc and the CA certificates (TLS to Temporal Cloud, OTLP over HTTPS).
# No curl/wget/nc here: probes run the binary itself (`orders healthcheck URL`).
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 orders
COPY --from=build /src/target/release/orders /usr/local/bin/orders
USER orders
ENV ORDERS_HTTP_ADDR=0.0.0.0:8080
EXPOSE 8080
# No HEALTHCHECK: the image also runs `worker` and `migrate`, which serve no HTTP. The probe
# belongs to the process that serves it, e.g. docker-compose.yml's orders-api:
#   ["CMD", "orders", "healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["orders"]
CMD ["all"]
