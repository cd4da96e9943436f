#!/usr/bin/env bash
# A temporary keychain holding the Developer ID certificate, for signing on a CI runner.
#
#   bash packaging/macos/keychain.sh create     # needs MACOS_CERTIFICATE, MACOS_CERTIFICATE_PASSWORD
#   bash packaging/macos/keychain.sh delete     # always run this at the end of the job
#
# MACOS_CERTIFICATE is the "Developer ID Application" certificate with its private key, exported as a
# .p12 and base64-encoded. The keychain gets a random password, is added to the search list (codesign
# finds identities there) and is unlocked for the length of the job only; `create` prints the signing
# identity's name to $GITHUB_OUTPUT as `identity` when running in GitHub Actions.
set -euo pipefail
KEYCHAIN="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/happyhorse-signing.keychain-db"

case "${1:-}" in
  create)
    : "${MACOS_CERTIFICATE:?base64 .p12 of the Developer ID Application certificate}"
    : "${MACOS_CERTIFICATE_PASSWORD:?the .p12 password}"
    password=$(openssl rand -base64 24)
    certificate=$(mktemp)
    trap 'rm -f "$certificate"' EXIT
    printf '%s' "$MACOS_CERTIFICATE" | base64 --decode > "$certificate"
    security create-keychain -p "$password" "$KEYCHAIN"
    security set-keychain-settings -lut 7200 "$KEYCHAIN"  # stays unlocked for the job's 2 hours at most
    security unlock-keychain -p "$password" "$KEYCHAIN"
    security import "$certificate" -k "$KEYCHAIN" -P "$MACOS_CERTIFICATE_PASSWORD" -f pkcs12 \
      -T /usr/bin/codesign -T /usr/bin/security
    # Let codesign use the key without a dialog nobody could click on a runner.
    security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$password" "$KEYCHAIN" >/dev/null
    # shellcheck disable=SC2046 # the existing search list, one keychain per word
    security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')
    identity=$(security find-identity -v -p codesigning "$KEYCHAIN" \
      | sed -n 's/.*"\(Developer ID Application: .*\)"/\1/p' | head -n 1)
    [ -n "$identity" ] || { echo "no Developer ID Application identity in MACOS_CERTIFICATE" >&2; exit 1; }
    if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "identity=$identity" >> "$GITHUB_OUTPUT"; fi
    echo "signing identity: $identity"
    ;;
  delete)
    security delete-keychain "$KEYCHAIN" 2>/dev/null || true
    ;;
  *)
    echo "usage: keychain.sh create|delete" >&2
    exit 2
    ;;
esac
