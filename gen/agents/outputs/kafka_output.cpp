// kafka: records as JSON messages to one topic, keyed by the Ray pod so that one pod's lines land
// in one partition and keep their order (librdkafka's default partitioner hashes the key:
// consistent_random, lib/librdkafka-2.4.0/CONFIGURATION.md "partitioner"). Optional TLS and
// SASL (PLAIN, SCRAM-SHA-256/512); the password comes from a Secret.
//
// Sources: fluent/fluent-bit v3.2.10 and v5.1.1, plugins/out_kafka/: brokers and topics are
// comma-separated (kafka.c config map; kafka_config.c splits topics on ','), format json
// (kafka_config.c), message_key_field names the record key whose string value is the message key
// (kafka.c:207 at v3.2.10, :244 at v5.1.1), timestamp_key defaults to "@timestamp"
// (kafka_config.h FLB_KAFKA_TS_KEY), every "rdkafka.<name>" goes to librdkafka as <name>
// (FLB_CONFIG_MAP_STR_PREFIX "rdkafka."); security.protocol, sasl.mechanism(s), sasl.username,
// sasl.password and enable.ssl.certificate.verification from librdkafka's CONFIGURATION.md
// (lib/librdkafka-2.4.0 at v3.2.10, lib/librdkafka-2.15.0 at v5.1.1).
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addKafka(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "kafka").set("Match", site.match);
  std::string brokers;
  for (const auto& b : o.config["brokers"]) brokers += (brokers.empty() ? "" : ",") + b.get<std::string>();
  s.set("brokers", brokers).set("topics", o.str("topic")).set("format", "json");
  // The key: a sidecar serves one pod, so its name as a static message_key; a node agent serves
  // many, so the record's pod field (message_key_field). Fluent Bit before 4.1.0 flb_free()s the
  // config-map-owned message_key_field at exit and aborts once every record is sent
  // (kafka_config.c flb_out_kafka_destroy at v3.2.10; fixed by e82fe24ee "out_kafka: do not
  // release config map properties", first in v4.1.0): message_key is not freed, so the sidecar
  // exits cleanly on every release.
  if (o.has("messageKeyField") || site.tagNamesPod)
    s.set("message_key_field", o.str("messageKeyField", "pod"));
  else
    s.set("message_key", site.podRef);
  // Unset, the plugin's "@timestamp"; the value gate refuses a leading '@' (a directive).
  if (o.has("timestampKey")) s.set("timestamp_key", o.str("timestampKey"));
  const bool tls = o.flag("tls", false), sasl = o.has("user");
  if (tls || sasl)
    s.set("rdkafka.security.protocol", tls ? (sasl ? "SASL_SSL" : "SSL") : "SASL_PLAINTEXT");
  if (tls && !o.flag("tlsVerify", true)) s.set("rdkafka.enable.ssl.certificate.verification", "false");
  if (sasl) {
    s.set("rdkafka.sasl.mechanism", o.str("saslMechanism", "PLAIN"))
        .set("rdkafka.sasl.username", o.str("user"))
        .set("rdkafka.sasl.password", secretReference(o, "passwordSecret"));
  }
}

OutputBackend kafkaOutputBackend() {
  return {"kafka",
          {"brokers", "topic", "messageKeyField", "timestampKey", "tls", "tlsVerify", "saslMechanism", "user",
           "passwordSecret"},
          {"brokers", "topic"},
          &addKafka};
}

}  // namespace raylog
