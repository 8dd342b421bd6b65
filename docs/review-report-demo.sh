#!/bin/sh
# Makes the review report shown in docs/review-report.png: a few minutes of activity on a dev
# vault (requests, approvals, a direct grant, a revocation, a refused request, a grant to a
# non-administrator that expires unused, denials), then an export, verified offline, reported
# as HTML and rendered by headless Chromium.
#
#   vaultd dev --dir /tmp/demo-dev &      # in another terminal, or as here
#   sh docs/review-report-demo.sh /tmp/demo-dev docs/review-report.png
set -eu
DEV=${1:?dev directory}
SHOT=${2:-review-report.png}
CLI=${VAULT_CLI:-vault-cli}
ID=$DEV/identities
cli() { who=$1; shift; "$CLI" --identity "$ID/$who.id" "$@"; }
first_pending() { cli authority grant pending --json | sed -n 's/.*"id": "\([0-9a-f]*\)".*/\1/p' | head -1; }

cli admin grant request facebook-cest --purpose "Campagne d'automne" --for 4m >/dev/null
cli authority grant approve --yes "$(first_pending)" >/dev/null
cli admin credential get facebook-cest >/dev/null
cli admin2 credential get facebook-cest >/dev/null 2>&1 || true
G2=$(cli authority grant issue --to admin2 --account youtube-cest --purpose "Vidéo du rapport annuel" --for 3m --json | sed -n 's/.*"id": "\([0-9a-f]*\)".*/\1/p' | head -1)
cli authority grant issue --to auditor --account x-cest --purpose "Vérification ponctuelle" --for 40s >/dev/null
sleep 20
cli admin credential get facebook-cest --field totp >/dev/null
cli admin2 credential get youtube-cest >/dev/null
cli admin grant request linkedin-cest --purpose "Offre d'emploi" --for 1h >/dev/null
cli authority grant deny "$(first_pending)" --reason "Passer par les communications" >/dev/null
sleep 20
cli admin credential get facebook-cest --field login >/dev/null
cli authority grant revoke "$G2" --reason "Mandat terminé" >/dev/null
cli admin2 credential get youtube-cest >/dev/null 2>&1 || true
sleep 20
cli admin credential get facebook-cest >/dev/null
cli admin2 credential get x-cest >/dev/null 2>&1 || true
sleep 15
cli admin credential get facebook-cest --field totp >/dev/null

EXPORT=$(mktemp -d)/export
cli auditor audit export --out "$EXPORT" >/dev/null
KEY=$(cli auditor audit key)
"$CLI" audit report "$EXPORT" --key "$KEY" --format html --out "$EXPORT.html"
PROFILE=$(mktemp -d)
HOME=$PROFILE chromium --headless --no-sandbox --disable-gpu --user-data-dir="$PROFILE/p" \
  --hide-scrollbars --window-size=1280,2200 --screenshot="$SHOT" "file://$EXPORT.html" 2>/dev/null
echo "$EXPORT.html -> $SHOT"
