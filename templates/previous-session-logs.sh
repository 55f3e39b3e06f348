# Release v1.6 collectors upload an earlier session's logs only from
# /tmp/ray/prev-logs/<session>/<node id>/logs (KubeRay v1.6.2 historyserver/config/raycluster.yaml
# moves them in the Ray container's command; v1.7 collectors do it themselves). KubeRay runs this
# before `ray start`, so a restarted Ray container hands its last session to the collector.
if [ -d /tmp/ray/session_latest/logs ] && [ -s /tmp/ray/raylet_node_id ]; then
  dest="/tmp/ray/prev-logs/$(basename "$(readlink /tmp/ray/session_latest)")/$(cat /tmp/ray/raylet_node_id)"
  mkdir -p "$dest" && mv /tmp/ray/session_latest/logs "$dest/logs"
fi
true
