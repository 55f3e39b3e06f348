# Writes the raylet's node id to /tmp/ray/raylet_node_id for the History Server collector
# (older builds fail with "read nodeid file error" without it). Portable: ps, grep, sed only,
# no grep -oP. Gives up after 10 minutes so a Ray container that never starts raylet is not
# held in postStart forever.
i=0
while [ "$i" -lt 600 ]; do
  # shellcheck disable=SC2009  # pgrep -a is missing from busybox-based images; ps -ef is everywhere
  nodeid=$(ps -ef | grep 'raylet.*--node_id' | grep -v grep | sed -n 's/.*--node_id=\([^ ]*\).*/\1/p' | head -1)
  if [ -n "$nodeid" ]; then
    echo "$nodeid" > /tmp/ray/raylet_node_id
    break
  fi
  i=$((i + 1))
  sleep 1
done
