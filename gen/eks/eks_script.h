#pragma once
// The EKS setup script: a bash header that sets every value as a single-quoted variable (the
// only place spec values appear), the IAM policy and manifests, then templates/eks-setup.sh.
#include <string>

#include "eks/aws_access.h"

namespace raylog {

// `manifests` is the rendered YAML the script applies at the end.
std::string eksSetupScript(const AwsAccess& access, const std::string& manifests);

const char* iamModeName(IamMode mode);

}  // namespace raylog
