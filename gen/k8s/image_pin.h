#pragma once
// Whether an image reference names one release. A tag names a release when it is not one of the
// tags projects move on purpose: none (Docker reads :latest), latest, edge, nightly, ... and a
// release line (:3, :5.1, :v1.19, :5.1-debug), which each new release of the line moves to
// (fluent/fluent-bit publishes 5.1 beside 5.1.1; fluentd-kubernetes-daemonset v1.19-debian-...
// beside v1.19.3-debian-...).
#include <optional>
#include <string>

namespace raylog {

// Why `image` is not pinned ("has no tag", "uses the moving tag ':5.1' (...)"), or nullopt when
// it names a digest or a release tag.
std::optional<std::string> imagePinProblem(const std::string& image);

// The tag of `image` ("" when it has none or names a digest only).
std::string imageTag(const std::string& image);

// The repository of `image` without a registry host or docker.io's library/ ("fluent/fluent-bit"
// for "cr.fluentbit.io/fluent/fluent-bit:5.1.1").
std::string imageRepository(const std::string& image);

}  // namespace raylog
