// Image references: which tags name one release (k8s/image_pin.h), and which release lines their
// projects no longer fix (lint/image_lifecycle.h, RL117).
#include <catch2/catch.hpp>

#include "k8s/image_pin.h"
#include "lint/image_lifecycle.h"
#include "util/default_images.h"

using namespace raylog;

TEST_CASE("moving tags are not pinned: none, latest, edge, nightly, a release line") {
  for (const char* moving : {"fluent/fluent-bit", "fluent/fluent-bit:latest", "fluent/fluent-bit:edge",
                             "fluent/fluent-bit:3", "fluent/fluent-bit:5.1", "fluent/fluent-bit:5.1-debug",
                             "quay.io/kuberay/collector:nightly", "localhost:5000/fluent-bit",
                             "fluent/fluentd-kubernetes-daemonset:v1.19-debian-elasticsearch8-1", "rayproject/ray:2.52"}) {
    CAPTURE(moving);
    CHECK(imagePinProblem(moving));
  }
  for (const char* pinned : {"fluent/fluent-bit:5.1.1", "fluent/fluent-bit:3.2.10-debug", "rayproject/ray:2.52.0-py310",
                             "fluent/fluentd-kubernetes-daemonset:v1.19.3-debian-elasticsearch8-1.1",
                             "quay.io/kuberay/collector:v1.7.0", "registry:5000/agent:20240101",
                             "fluent/fluent-bit@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                             default_images::kFluentBit, default_images::kFluentd}) {
    CAPTURE(pinned);
    CHECK_FALSE(imagePinProblem(pinned));
  }
  CHECK_THAT(*imagePinProblem("fluent/fluent-bit:5.1"), Catch::Contains("':5.1'") && Catch::Contains("release line"));
}

TEST_CASE("an image's repository without its registry host, tag or digest") {
  CHECK(imageRepository("cr.fluentbit.io/fluent/fluent-bit:5.1.1") == "fluent/fluent-bit");
  CHECK(imageRepository("docker.io/library/busybox@sha256:00") == "busybox");
  CHECK(imageRepository("localhost:5000/grafana/promtail") == "grafana/promtail");
  CHECK(imageRepository("amazon/aws-for-fluent-bit:2.32.0") == "amazon/aws-for-fluent-bit");
}

TEST_CASE("end-of-life release lines, on a given day") {
  using lint::imageEndOfLife;
  // Fluent Bit: lines before 4.0 long past; 4.0-4.2 by their dates; 5.0 after 2026-11-30; 5.1 maintained.
  CHECK(imageEndOfLife("fluent/fluent-bit:3.2.10", "2026-01-01"));
  CHECK(imageEndOfLife("fluent/fluent-bit:3.2.10", "2026-01-01")->since.empty());
  CHECK_FALSE(imageEndOfLife("fluent/fluent-bit:4.2.1", "2026-07-30"));
  CHECK(imageEndOfLife("fluent/fluent-bit:4.2.1", "2026-07-31")->since == "2026-07-30");
  CHECK_FALSE(imageEndOfLife("fluent/fluent-bit:5.0.9", "2026-11-30"));
  CHECK(imageEndOfLife("fluent/fluent-bit:5.0.9", "2026-12-01"));
  CHECK_FALSE(imageEndOfLife("fluent/fluent-bit:5.1.1", "2030-01-01"));
  CHECK_FALSE(imageEndOfLife(default_images::kFluentBit, "2030-01-01"));
  CHECK(imageEndOfLife("cr.fluentbit.io/fluent/fluent-bit:2.2.3", "2026-01-01"));
  // Not Fluent Bit's own versions, and no version to compare: not this rule's business.
  CHECK_FALSE(imageEndOfLife("amazon/aws-for-fluent-bit:2.32.0", "2030-01-01"));
  CHECK_FALSE(imageEndOfLife("fluent/fluent-bit:latest", "2030-01-01"));
  // Promtail: every version, from 2026-03-03; the replacement is named.
  CHECK_FALSE(imageEndOfLife("grafana/promtail:3.5.1", "2026-03-02"));
  const auto promtail = imageEndOfLife("grafana/promtail:3.5.1", "2026-03-03");
  REQUIRE(promtail);
  CHECK_THAT(promtail->line->replacement, Catch::Contains("Alloy"));
}
