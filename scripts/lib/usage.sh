#!/usr/bin/env bash
# Sourced by the scripts: their --help is the comment block at the top of the script, so it cannot fall out of
# step with the header when lines are added.

# print_usage <script>: the script's leading comment lines (after the #! line) without their "# ".
print_usage() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1"
}
