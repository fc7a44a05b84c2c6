#!/usr/bin/env bash
# The steps of action.yml, kept here so that they can be tested outside GitHub
# (test/install): `build` builds the CLI in the action's checkout, `sarif` writes the SARIF report
# (never failing the job, so that it is uploaded), `annotate` prints workflow annotations and
# exits like `isms-author check` (1 on findings at --fail-on or too many warnings).
set -euo pipefail
: "${ISMS_AUTHOR_DIR:?the folder of the action}"
cli=(node "$ISMS_AUTHOR_DIR/dist/cli.js")
read -r -a paths <<< "${INPUT_PATHS:-.}"
common=()
[ -z "${INPUT_CONFIG:-}" ] || common+=(--config "$INPUT_CONFIG")

case "${1:-}" in
  build)
    cd "$ISMS_AUTHOR_DIR"
    npm ci --no-audit --no-fund --ignore-scripts
    node scripts/build.mjs --production
    ;;
  sarif)
    out="${ISMS_SARIF:-isms-author.sarif}"
    status=0
    "${cli[@]}" check "${paths[@]}" "${common[@]}" --format sarif -o "$out" --fail-on error || status=$?
    # 1 means findings, reported in the SARIF; 2 is a usage or internal error.
    [ "$status" -le 1 ] || exit "$status"
    [ -z "${GITHUB_OUTPUT:-}" ] || echo "file=$out" >> "$GITHUB_OUTPUT"
    ;;
  annotate)
    opts=(--format github --fail-on "${INPUT_FAIL_ON:-error}")
    [ -z "${INPUT_MAX_WARNINGS:-}" ] || opts+=(--max-warnings "$INPUT_MAX_WARNINGS")
    "${cli[@]}" check "${paths[@]}" "${common[@]}" "${opts[@]}"
    ;;
  *)
    echo "usage: action-check.sh build|sarif|annotate" >&2
    exit 2
    ;;
esac
