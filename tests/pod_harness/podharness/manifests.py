"""Rendered manifests -> the pods kubelet would run, with the metadata KubeRay gives them."""
import hashlib
from dataclasses import dataclass, field

import yaml


@dataclass
class Pod:
    name: str
    namespace: str
    labels: dict
    annotations: dict
    spec: dict                  # the pod template's spec
    kind: str                   # "ray" or "daemonset"
    owner: str                  # e.g. RayCluster/name, DaemonSet/name
    ray: dict = field(default_factory=dict)  # cluster, node_type, group for Ray pods


def load_stream(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if isinstance(d, dict)]


def namespace_of(obj):
    return (obj.get("metadata") or {}).get("namespace") or "default"


def config_maps(docs):
    """{(namespace, name): data} of every ConfigMap in the stream."""
    return {(namespace_of(d), d["metadata"]["name"]): dict(d.get("data") or {})
            for d in docs if d.get("kind") == "ConfigMap"}


def _suffix(*parts):
    # KubeRay names pods <cluster>-head-<5 random chars> / <cluster>-<group>-worker-<5>; a
    # stable hash keeps runs reproducible.
    return hashlib.sha1("/".join(parts).encode()).hexdigest()[:5]


def _owner_from_cluster_label(spec):
    """An agent whose RAYLOG_OWNER_NAME comes from the pod's ray.io/cluster label (downward API)."""
    for c in (spec.get("containers") or []) + (spec.get("initContainers") or []):
        for e in c.get("env") or []:
            ref = ((e.get("valueFrom") or {}).get("fieldRef") or {}).get("fieldPath", "")
            if e.get("name") == "RAYLOG_OWNER_NAME" and ref == "metadata.labels['ray.io/cluster']":
                return True
    return False


def _ray_pod(cluster, namespace, template, node_type, group, owner, extra_labels):
    """A Ray pod as KubeRay creates it from a group's template.

    Labels from ray-operator/controllers/ray/common/pod.go (labelPod): ray.io/cluster,
    ray.io/node-type (head|worker), ray.io/group (the head's is "headgroup"), ray.io/is-ray-node.
    """
    meta = template.get("metadata") or {}
    labels = dict(meta.get("labels") or {})
    labels.update({
        "ray.io/cluster": cluster,
        "ray.io/node-type": node_type,
        "ray.io/group": "headgroup" if node_type == "head" else group,
        "ray.io/is-ray-node": "yes",
        "ray.io/identifier": f"{cluster}-{node_type}",
    })
    labels.update(extra_labels)
    name = (f"{cluster}-head-{_suffix(cluster, 'head')}" if node_type == "head"
            else f"{cluster}-{group}-worker-{_suffix(cluster, group)}")
    spec = template.get("spec") or {}
    if _owner_from_cluster_label(spec):
        # KubeRay's operator-wide sidecar serves every cluster: it names the pod's RayCluster
        # (README, Operator-wide logging), whatever object the cluster came from.
        owner = f"RayCluster/{cluster}"
    return Pod(name=name, namespace=namespace, labels=labels,
               annotations=dict(meta.get("annotations") or {}), spec=spec,
               kind="ray", owner=owner,
               ray={"cluster": cluster, "node_type": node_type,
                    "group": "headgroup" if node_type == "head" else group})


def _cluster_pods(cluster, namespace, cluster_spec, owner, extra_labels):
    pods = []
    head = (cluster_spec.get("headGroupSpec") or {}).get("template")
    if head:
        pods.append(_ray_pod(cluster, namespace, head, "head", "headgroup", owner, extra_labels))
    for g in cluster_spec.get("workerGroupSpecs") or []:
        if g.get("template"):
            pods.append(_ray_pod(cluster, namespace, g["template"], "worker", g["groupName"], owner, extra_labels))
    return pods


def ray_pods(docs, cluster_name_override=None):
    """Every Ray pod (one per group) of every RayCluster, RayJob and RayService in the stream."""
    pods = []
    for d in docs:
        kind, meta = d.get("kind"), d.get("metadata") or {}
        ns, name, spec = namespace_of(d), meta.get("name"), d.get("spec") or {}
        if kind == "RayCluster":
            cluster, cspec, extra = name, spec, {}
        elif kind in ("RayJob", "RayService"):
            # Their cluster is <name>-<random>. KubeRay labels that RayCluster with its owner
            # (ray.io/originated-from-crd, ray.io/originated-from-cr-name), not its pods:
            # common/pod.go labelPod (v1.7.0) keeps the template's labels and its own only.
            cluster = f"{name}-{_suffix(name)}"
            cspec = spec.get("rayClusterSpec" if kind == "RayJob" else "rayClusterConfig") or {}
            extra = {}
        else:
            continue
        pods += _cluster_pods(cluster_name_override or cluster, ns, cspec, f"{kind}/{name}", extra)
    return pods


def daemonset_pods(docs, node):
    pods = []
    for d in docs:
        if d.get("kind") != "DaemonSet":
            continue
        meta = d["metadata"]
        tmpl = d["spec"]["template"]
        tmeta = tmpl.get("metadata") or {}
        pods.append(Pod(name=f"{meta['name']}-{_suffix(meta['name'], node)}", namespace=namespace_of(d),
                        labels=dict(tmeta.get("labels") or {}), annotations=dict(tmeta.get("annotations") or {}),
                        spec=tmpl.get("spec") or {}, kind="daemonset", owner=f"DaemonSet/{meta['name']}"))
    return pods
