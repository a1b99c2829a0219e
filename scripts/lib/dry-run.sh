# shellcheck shell=bash
# Helpers for scripts with --dry-run: the caller sets dry_run=true to print commands instead of running them.

run() {  # run a command, or print it with --dry-run
  if [[ "${dry_run:-false}" == true ]]; then printf '+'; printf ' %q' "$@"; printf '\n'; else "$@"; fi
}

run_shell() {  # run a pipeline given as one string; its status is the last command's
  if [[ "${dry_run:-false}" == true ]]; then printf '+ %s\n' "$1"; else bash -c "$1"; fi
}

step() { printf '\n== %s\n' "$*"; }
