// Writes an EKS setup script for the stub tests, with values given on the command line (so the
// tests can pass hostile ones the spec would refuse).
// Usage: eks_script_fixture MODE CLUSTER_NAME > script.sh
#include <iostream>

#include "eks/eks_script.h"

int main(int argc, char** argv) {
  using namespace raylog;
  if (argc != 3) {
    std::cerr << "usage: eks_script_fixture irsa|pod-identity|node-role CLUSTER_NAME\n";
    return 2;
  }
  AwsAccess a;
  const std::string mode = argv[1];
  a.mode = mode == "pod-identity" ? IamMode::PodIdentity : mode == "node-role" ? IamMode::NodeRole : IamMode::Irsa;
  a.clusterName = argv[2];
  a.region = "us-west-2";
  a.createCluster = true;
  a.policyName = "raylog-demo-fluent-bit";
  a.agentNamespace = "amazon-cloudwatch";
  a.agentServiceAccount = "fluent-bit";
  a.agentWorkload = "ds/fluent-bit";
  a.cloudWatch.push_back({"us-west-2", "/aws/containerinsights/demo/application", true});
  a.s3.push_back({"ray-logs-bucket", "ray/"});
  std::cout << eksSetupScript(a, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: amazon-cloudwatch\n");
  return 0;
}
