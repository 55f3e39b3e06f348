# Debian package with CPack: cmake --build build && (cd build && cpack -G DEB).
# Depends is computed by dpkg-shlibdeps from the libraries the binary links (yaml-cpp, Boost
# filesystem, libstdc++), so it names the bookworm packages that provide them.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME raylog-gen)
set(CPACK_PACKAGE_VENDOR "raylog-gen developers")
set(CPACK_PACKAGE_CONTACT "raylog-gen developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Logging for Ray on Kubernetes (KubeRay): render, lint and inject log agents")
set(CPACK_PACKAGE_DESCRIPTION
    "raylog-gen renders KubeRay RayCluster, RayJob and RayService manifests whose logs outlive their pods (Fluent Bit, Fluentd or the KubeRay History Server collector beside Ray), lints existing manifests for broken log collection (text, JSON, SARIF, GitHub annotations), injects logging into manifests, and runs as a kustomize plugin, KRM function or Helm post-renderer.")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # raylog-gen_0.1.0_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
include(CPack)
