# raylog-gen as a container image, for the KRM function (kustomize fn run, kpt fn eval, a
# kustomization's `config.kubernetes.io/function: {container: {image: ...}}`) and for CI.
#   docker build -t raylog-gen:0.1.0 .
#   docker run -i --rm raylog-gen:0.1.0 < resource-list.yaml          # krm (the default command)
#   docker run -i --rm -v "$PWD:/work" -w /work raylog-gen:0.1.0 lint k8s/
# Build stage: Debian bookworm's packages, as the README builds; raylog-gen linked statically
# (target raylog-gen-static), so the final image needs no libraries.
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends cmake make g++ libyaml-cpp-dev libcli11-dev \
      libboost-filesystem-dev nlohmann-json3-dev libvalijson-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt README.md CHANGELOG.md LICENSE ./
COPY cmake cmake
COPY gen gen
COPY schemas schemas
COPY templates templates
ARG RAYLOG_GIT_COMMIT=""
RUN cmake -S . -B /build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF -DRAYLOG_WERROR=ON \
      "-DRAYLOG_GIT_COMMIT=${RAYLOG_GIT_COMMIT}" \
 && cmake --build /build --parallel --target raylog-gen-static \
 && strip /build/raylog-gen-static \
 && /build/raylog-gen-static version

# Final image: the binary alone (schemas and templates are compiled in), run as a non-root user.
FROM scratch
COPY --from=build /build/raylog-gen-static /raylog-gen
USER 65532:65532
ENTRYPOINT ["/raylog-gen"]
CMD ["krm"]
