# Shared by the EKS, GKE and AKS setup scripts; raylog-gen writes it after the script's values
# (REQUIRED_TOOLS among them) and before the cloud's own steps.

DRY_RUN=false
for arg in "$@"; do
  case "$arg" in
    --dry-run) DRY_RUN=true ;;
    -h | --help)
      echo "usage: $0 [--dry-run]   (--dry-run: print the commands that would change something)"
      exit 0
      ;;
    *)
      echo "error: unknown argument $arg; usage: $0 [--dry-run]" >&2
      exit 2
      ;;
  esac
done

# Runs a command that changes something; with --dry-run, prints it (one shell-quoted line).
run() {
  if [ "$DRY_RUN" = true ]; then
    printf '+'
    printf ' %q' "$@"
    printf '\n'
  else
    "$@"
  fi
}

for tool in "${REQUIRED_TOOLS[@]}"; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "error: '$tool' is required but not on PATH; install it, then run this script again" >&2
    exit 1
  fi
done
