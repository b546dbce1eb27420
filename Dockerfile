# tkb serve in a container: the kb is compiled into the binary, so the image needs nothing else. Mount a kb
# folder (--kb /kb --watch) or a corpus (--corpus /corpus) to serve those instead; see README "Running replicas".
FROM rust:1.88-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin tkb

FROM debian:bookworm-slim
COPY --from=build /src/target/release/tkb /usr/local/bin/tkb
USER nobody
EXPOSE 8080
# The balancer's health check: GET /api/status answers 200 while the replica serves.
ENTRYPOINT ["tkb", "serve", "--bind", "0.0.0.0", "--port", "8080"]
