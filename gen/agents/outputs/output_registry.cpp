#include <cctype>

#include "agents/outputs/output_backend.h"

#include "agents/fluentd/fluentd_value.h"

namespace raylog {

OutputBackend stdoutOutputBackend();
OutputBackend cloudWatchOutputBackend();
OutputBackend s3OutputBackend();
OutputBackend elasticsearchOutputBackend();
OutputBackend openSearchOutputBackend();
OutputBackend lokiOutputBackend();
OutputBackend azureBlobOutputBackend();
OutputBackend forwardOutputBackend();
OutputBackend stackdriverOutputBackend();
OutputBackend kinesisFirehoseOutputBackend();
OutputBackend gcsOutputBackend();
OutputBackend openTelemetryOutputBackend();
OutputBackend splunkOutputBackend();
OutputBackend httpOutputBackend();
OutputBackend datadogOutputBackend();
OutputBackend kafkaOutputBackend();

const std::vector<OutputBackend>& outputBackends() {
  static const std::vector<OutputBackend> all = {stdoutOutputBackend(), cloudWatchOutputBackend(), s3OutputBackend(),
                                                 elasticsearchOutputBackend(), openSearchOutputBackend(),
                                                 lokiOutputBackend(), azureBlobOutputBackend(), forwardOutputBackend(),
                                                 stackdriverOutputBackend(), kinesisFirehoseOutputBackend(),
                                                 gcsOutputBackend(),
                                                 openTelemetryOutputBackend(), splunkOutputBackend(),
                                                 httpOutputBackend(), datadogOutputBackend(), kafkaOutputBackend()};
  return all;
}

const OutputBackend* findOutputBackend(const std::string& type) {
  for (const OutputBackend& b : outputBackends())
    if (b.type == type) return &b;
  return nullptr;
}

std::string secretEnvVar(const OutputSpec& o, const std::string& key) {
  std::string base = key.substr(0, key.size() - std::string("Secret").size());  // passwordSecret -> password
  std::string upper;
  for (char c : base) {
    if (std::isupper(static_cast<unsigned char>(c)) && !upper.empty()) upper += '_';
    upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return "RAYLOG_OUT" + std::to_string(o.index + 1) + "_" + upper;
}

std::string secretReference(const OutputSpec& o, const std::string& key) { return "${" + secretEnvVar(o, key) + "}"; }

std::string fluentdSecretReference(const OutputSpec& o, const std::string& key) {
  return fluentdEnvReference(secretEnvVar(o, key));
}

std::string fluentdOutputTypes() {
  std::string out;
  for (const OutputBackend& b : outputBackends())
    if (b.addFluentdOutput) out += (out.empty() ? "" : ", ") + b.type;
  return out;
}

// Names from Fluentd v1.19.3: buf_file.rb (path), buffer.rb (chunk_limit_size, total_limit_size,
// overflow_action), output.rb (flush_mode, flush_interval, flush_at_shutdown, retry_max_interval).
void addFluentdBuffer(FluentdDirective& out, const FluentdBuffer& buffer) {
  FluentdDirective& b = out.add("buffer");
  if (!buffer.path.empty()) {
    // Chunks in files on the shared volume: a killed agent's chunks are resumed by the next one
    // (buf_file.rb resume). Chunks of 8MB, buf_memory's size (buffer.rb:39), not buf_file's 256MB
    // (buf_file.rb:31): one is one bulk request, and many fit under the total.
    b.set("@type", "file").set("path", buffer.path).set("chunk_limit_size", "8MB");
  }
  b.set("flush_mode", "interval")
      .set("flush_interval", std::to_string(buffer.flushSeconds) + "s")
      // buf_file's default is false (output.rb: flush_at_shutdown follows persistent?): send the
      // files at a clean stop too, so a pod that is deleted leaves nothing behind.
      .set("flush_at_shutdown", "true")
      // In memory: within the container's memory limit.
      .set("total_limit_size", buffer.path.empty() ? "64MB" : buffer.totalLimit)
      .set("overflow_action", "block")
      .set("retry_max_interval", "30s");
}

// The file's name is fixed: a Secret key such as ".." must not become a path.
static const char* const kSecretFileName = "key.json";

// Keys whose Secret a plugin reads as a file (gcs: google_service_credentials is a path).
static bool isSecretFile(const std::string& key) { return key == "serviceAccountKeySecret"; }

static std::string secretFileDir(const OutputSpec& o) { return "/var/run/secrets/raylog/out" + std::to_string(o.index + 1); }

std::vector<SecretFile> outputSecretFiles(const std::vector<OutputSpec>& outputs) {
  std::vector<SecretFile> out;
  for (const OutputSpec& o : outputs)
    for (auto it = o.config.begin(); it != o.config.end(); ++it)
      if (isSecretFile(it.key()) && it.value().is_object())
        out.push_back({"raylog-out" + std::to_string(o.index + 1) + "-key", it.value()["name"].get<std::string>(),
                       it.value()["key"].get<std::string>(), secretFileDir(o), kSecretFileName});
  return out;
}

std::string outputSecretFile(const OutputSpec& o, const std::string& /*key*/) {
  return secretFileDir(o) + "/" + kSecretFileName;
}

std::vector<SecretEnv> outputSecrets(const std::vector<OutputSpec>& outputs) {
  std::vector<SecretEnv> out;
  for (const OutputSpec& o : outputs)
    for (auto it = o.config.begin(); it != o.config.end(); ++it) {
      const std::string& key = it.key();
      if (key == "credentialsSecret") {  // the AWS SDK's own variables (s3)
        const auto& c = it.value();
        out.push_back({"AWS_ACCESS_KEY_ID", c["name"].get<std::string>(), c.value("accessKeyIdKey", "AWS_ACCESS_KEY_ID")});
        out.push_back({"AWS_SECRET_ACCESS_KEY", c["name"].get<std::string>(),
                       c.value("secretAccessKeyKey", "AWS_SECRET_ACCESS_KEY")});
        continue;
      }
      if (isSecretFile(key)) continue;  // mounted, not an env var (outputSecretFiles)
      if (key == "headerSecrets") {  // http, opentelemetry: one variable per header
        for (auto h = it.value().begin(); h != it.value().end(); ++h)
          out.push_back({headerSecretEnvVar(o, h.key()), h.value()["name"].get<std::string>(),
                         h.value()["key"].get<std::string>()});
        continue;
      }
      if (key.size() > 6 && key.compare(key.size() - 6, 6, "Secret") == 0 && it.value().is_object())
        out.push_back({secretEnvVar(o, key), it.value()["name"].get<std::string>(), it.value()["key"].get<std::string>()});
    }
  return out;
}

std::string headerSecretEnvVar(const OutputSpec& o, const std::string& header) {
  std::string upper;
  for (char c : header) upper += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "RAYLOG_OUT" + std::to_string(o.index + 1) + "_HEADER_" + upper;
}

void addHeaders(const OutputSpec& o, FluentBitSection& s) {
  // nlohmann's object iterates in key order: the same spec gives the same config.
  if (o.has("headers"))
    for (auto it = o.config["headers"].begin(); it != o.config["headers"].end(); ++it)
      s.append("header", it.key() + " " + it.value().get<std::string>());
  if (o.has("headerSecrets"))
    for (auto it = o.config["headerSecrets"].begin(); it != o.config["headerSecrets"].end(); ++it)
      s.append("header", it.key() + " ${" + headerSecretEnvVar(o, it.key()) + "}");
}

void setUpstream(FluentBitSection& s, const OutputSpec& o, int defaultPort) {
  s.set("Host", o.str("host")).set("Port", std::to_string(o.num("port", defaultPort)));
  if (o.flag("tls", false)) {
    s.set("tls", "On");
    s.set("tls.verify", o.flag("tlsVerify", true) ? "On" : "Off");
  }
}

}  // namespace raylog
