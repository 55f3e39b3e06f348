#include "agents/history_collector/collector_storage.h"

#include "pieces/env_vars.h"

namespace raylog {

void addCollectorStorageEnv(const CollectorSpec& c, YAML::Node env) {
  const bool v16 = c.release == CollectorRelease::V1_6;
  if (c.backend == "s3") {
    env.push_back(envValue("S3_BUCKET", c.bucket));
    env.push_back(envValue("S3_REGION", c.s3Region));
    if (!c.s3Endpoint.empty()) env.push_back(envValue("S3_ENDPOINT", c.s3Endpoint));
    // No underscore after S3: s3/config.go reads S3FORCE_PATH_STYLE and S3DISABLE_SSL.
    env.push_back(envValue("S3FORCE_PATH_STYLE", c.s3ForcePathStyle ? "true" : "false"));
    env.push_back(envValue("S3DISABLE_SSL", c.s3DisableSsl ? "true" : "false"));
    // v1.7 reads the AWS SDK's own names (and falls back to the pod's identity); v1.6 its own.
    if (c.s3AccessKeyId) env.push_back(envSecret(v16 ? "AWS_S3ID" : "AWS_ACCESS_KEY_ID", *c.s3AccessKeyId));
    if (c.s3SecretAccessKey) env.push_back(envSecret(v16 ? "AWS_S3SECRET" : "AWS_SECRET_ACCESS_KEY", *c.s3SecretAccessKey));
  } else if (c.backend == "azureblob") {
    env.push_back(envValue("AZURE_STORAGE_CONTAINER", c.bucket));
    if (c.azureConnectionString) env.push_back(envSecret("AZURE_STORAGE_CONNECTION_STRING", *c.azureConnectionString));
    if (!c.azureAccountUrl.empty()) env.push_back(envValue("AZURE_STORAGE_ACCOUNT_URL", c.azureAccountUrl));
    if (!c.azureAuthMode.empty()) env.push_back(envValue("AZURE_STORAGE_AUTH_MODE", c.azureAuthMode));
  } else if (c.backend == "gcs") {
    env.push_back(envValue("GCS_BUCKET", c.bucket));
    if (c.gcsCredentials)
      env.push_back(envValue("GOOGLE_APPLICATION_CREDENTIALS", std::string(kGcsCredentialsDir) + "/" + c.gcsCredentials->key));
  } else if (c.backend == "aliyunoss") {
    if (!v16) env.push_back(envValue("OSS_REGION", c.ossRegion));  // v1.6's OSS SDK takes no region
    env.push_back(envValue("OSS_BUCKET", c.bucket));
    env.push_back(envValue("OSS_ENDPOINT", c.ossEndpoint));
  }
}

}  // namespace raylog
