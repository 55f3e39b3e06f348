#pragma once
// Output backends. One file per backend; output_registry.cpp lists them. A backend declares the
// spec keys it takes and writes its Fluent Bit [OUTPUT] section and, when the Fluentd agent can
// reach it with the plugins of its image, its Fluentd <store>.
#include <string>
#include <vector>

#include "agents/fluent_bit/fluent_bit_config.h"
#include "agents/fluentd/fluentd_config.h"
#include "spec/spec.h"

namespace raylog {

// Where an output runs. The sidecar names the Ray pod from its downward-API environment; a node
// agent, whose environment describes itself, from its tag (ray.<namespace>.<cluster>.<pod>).
struct OutputSite {
  std::string match;     // the tag pattern of Ray's records
  std::string stateDir;  // a folder the agent writes that outlives its restarts (local buffers)
  std::string namespaceRef, clusterRef, podRef;  // how a config value names the record's Ray pod
  bool tagNamesPod = false;                      // the tag alone tells the pod apart
  std::string pathKey = "file";                  // the record key holding the file path (agent.pathKey)
};

// A Fluentd output's <buffer>: flushed every flushSeconds; in files under `path` (one folder per
// output: Fluentd refuses two buffers on one path, buf_file.rb configure) holding at most
// totalLimit, or in memory when path is empty.
struct FluentdBuffer {
  int64_t flushSeconds = 5;
  std::string path;
  std::string totalLimit;
};

struct OutputBackend {
  std::string type;                       // spec outputs[].type
  std::vector<std::string> keys;          // spec keys it takes (besides type)
  std::vector<std::string> requiredKeys;  // of those, the ones without a default
  // Adds the [OUTPUT] section(s) for `output` at `site`.
  void (*addOutput)(const OutputSpec& output, const OutputSite& site, FluentBitConfig& config);
  // Fills a Fluentd output directive (<match> or a <store> of copy) for `output` with `buffer`;
  // nullptr when the Fluentd agent does not support this backend.
  void (*addFluentdOutput)(const OutputSpec& output, const FluentdBuffer& buffer, FluentdDirective& out) = nullptr;
  // The first Fluent Bit release with this plugin; empty when every supported release has it.
  std::vector<int> minFluentBit = {};
};

// nullptr when no backend has this type (the schema's enum keeps that from happening).
const OutputBackend* findOutputBackend(const std::string& type);

const std::vector<OutputBackend>& outputBackends();

// Secrets reach Fluent Bit as environment variables: the name for output `o`'s `key`
// (passwordSecret of the second output -> RAYLOG_OUT2_PASSWORD), and "${NAME}" for the config.
std::string secretEnvVar(const OutputSpec& o, const std::string& key);
std::string secretReference(const OutputSpec& o, const std::string& key);

// Every Secret reference of every output: (env var name, secret name, secret key).
struct SecretEnv {
  std::string var, secretName, secretKey;
};
std::vector<SecretEnv> outputSecrets(const std::vector<OutputSpec>& outputs);

// Secrets a plugin reads as a file (a key file) are mounted from the Secret instead: one volume
// per such key, the file /var/run/secrets/raylog/out<n>/key.json.
struct SecretFile {
  std::string volume, secretName, secretKey, mountDir, fileName;
};
std::vector<SecretFile> outputSecretFiles(const std::vector<OutputSpec>& outputs);
// The path the agent reads output `o`'s Secret `key` at.
std::string outputSecretFile(const OutputSpec& o, const std::string& key);

// "#{ENV['NAME']}" for output `o`'s Secret `key`, for Fluentd.
std::string fluentdSecretReference(const OutputSpec& o, const std::string& key);

// The names of the backends the Fluentd agent supports, comma-separated.
std::string fluentdOutputTypes();

// Fluentd's <buffer>: in files (buffer.path) or in memory, flushed every flushSeconds and at
// shutdown; when the backend is down and it fills, tail stops reading (the lines wait in the
// files) rather than dropping.
void addFluentdBuffer(FluentdDirective& out, const FluentdBuffer& buffer);

// headers ("Name: value") and headerSecrets ("Name: {name, key}", the value from a Secret through
// RAYLOG_OUT<n>_HEADER_<NAME>) as repeated `header` entries (http, opentelemetry).
void addHeaders(const OutputSpec& o, FluentBitSection& s);
std::string headerSecretEnvVar(const OutputSpec& o, const std::string& header);

// Common upstream settings: Host, Port, tls, tls.verify.
void setUpstream(FluentBitSection& s, const OutputSpec& o, int defaultPort);

}  // namespace raylog
