#pragma once
// A least-privilege IAM policy for the agent: only the actions the configured backends use,
// scoped to their log group and bucket ARNs (never "*" where the ARN is known).
#include <string>

#include "eks/aws_access.h"

namespace raylog {

// The policy document as JSON text (stable key order, two-space indent, trailing newline).
std::string iamPolicyJson(const AwsAccess& access);

}  // namespace raylog
