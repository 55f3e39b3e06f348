"""A pod harness: runs the log agents of rendered manifests the way kubelet would.

Each pod template of each Ray object (head and every group) and each DaemonSet becomes a pod:
its volumes are folders, its agent containers run the real engine under bubblewrap with the
container's root filesystem, mounts, environment, command and security context; a Ray stand-in
writes a realistic session into the Ray container's view of /tmp/ray; every output points at a
local stand-in of its backend, which decodes what arrives. See README (development section).
"""
