// http: any HTTP endpoint that takes JSON lines (POST, one record a line, origin fields in each
// record), with plain headers and headers whose value comes from a Secret (an Authorization
// header: "Bearer ${RAYLOG_OUT1_HEADER_AUTHORIZATION}").
//
// Sources: fluent/fluent-bit v3.2.10 and v5.1.1, plugins/out_http/http.c: format json_lines,
// uri (default "/"), header "<name> <value>" repeated (FLB_CONFIG_MAP_SLIST_1, MULT), http_user /
// http_passwd (header: http.c:732 / :857); default port 80 (http_conf.c:115 / :141).
#include "agents/outputs/output_backend.h"

namespace raylog {

static void addHttp(const OutputSpec& o, const OutputSite& site, FluentBitConfig& config) {
  FluentBitSection& s = config.add("OUTPUT");
  s.set("Name", "http").set("Match", site.match);
  setUpstream(s, o, o.flag("tls", false) ? 443 : 80);
  s.set("uri", o.str("uri", "/")).set("format", o.str("format", "json_lines"));
  if (o.has("user")) s.set("http_user", o.str("user"));
  if (o.has("passwordSecret")) s.set("http_passwd", secretReference(o, "passwordSecret"));
  addHeaders(o, s);
}

OutputBackend httpOutputBackend() {
  return {"http", {"host", "port", "tls", "tlsVerify", "uri", "format", "user", "passwordSecret", "headers", "headerSecrets"},
          {"host"}, &addHttp};
}

}  // namespace raylog
