#!/usr/bin/env sh
# One page of a cluster's associations, with variables. Pass the `endCursor` of a page as the
# third argument to get the next one.
#   GATEWAY_URL=http://127.0.0.1:4000/graphql sh examples/curl/page-associations.sh prod-platform us-east-1 [AFTER]
set -eu
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:4000/graphql}"
CLUSTER="${1:-prod-platform}"
REGION="${2:-us-east-1}"
# Cursors are base64url text, so they need no escaping inside a JSON string.
if [ -n "${3:-}" ]; then AFTER="\"$3\""; else AFTER=null; fi

curl --silent --show-error --fail-with-body "$GATEWAY_URL" \
  -H 'content-type: application/json' \
  --data @- <<JSON
{
  "query": "query Page(\$name: String!, \$region: String, \$after: String) { cluster(name: \$name, region: \$region) { podIdentityAssociations(first: 50, after: \$after) { edges { cursor node { id associationId namespace serviceAccount } } pageInfo { hasNextPage endCursor } } } }",
  "variables": { "name": "$CLUSTER", "region": "$REGION", "after": $AFTER }
}
JSON
echo
