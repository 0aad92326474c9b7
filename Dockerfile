# syntax=docker/dockerfile:1
# nordcal: build a static binary (SQLite needs cgo), run it as a non-root
# user on a distroless base, with the database on a volume.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd ./cmd
COPY internal ./internal
COPY locales ./locales
COPY static ./static
RUN CGO_ENABLED=1 go build -trimpath \
      -tags "sqlite_omit_load_extension osusergo netgo" \
      -ldflags "-s -w -linkmode external -extldflags -static" \
      -o /out/nordcal ./cmd/nordcal \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/nordcal /usr/local/bin/nordcal
COPY --from=build --chown=65532:65532 /out/data /data
ENV NORDCAL_ADDR=:8080 \
    NORDCAL_DB=sqlite:/data/nordcal.db \
    NORDCAL_DEMO=false \
    NORDCAL_LOG_FORMAT=json
VOLUME ["/data"]
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["/usr/local/bin/nordcal", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/nordcal"]
