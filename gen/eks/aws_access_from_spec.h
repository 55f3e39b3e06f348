#pragma once
// The spec's AWS outputs and eks section -> what the agent must be allowed to do, and where it
// runs (namespace, ServiceAccount), for the IAM policy and the setup script.
#include <string>

#include "eks/aws_access.h"
#include "spec/spec.h"

namespace raylog {

AwsAccess awsAccessFor(const Spec& spec);

// The ServiceAccount the agent's pods use on EKS: the DaemonSet's, or (sidecars) the Ray pods'.
std::string agentServiceAccount(const Spec& spec);

}  // namespace raylog
