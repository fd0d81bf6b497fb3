#!/usr/bin/env sh
# Every cluster of every served region: a POST with a JSON body, the usual way.
#   GATEWAY_URL=http://127.0.0.1:4000/graphql sh examples/curl/list-clusters.sh
set -eu
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:4000/graphql}"

curl --silent --show-error --fail-with-body "$GATEWAY_URL" \
  -H 'content-type: application/json' \
  --data '{"query":"{ clusters(first: 10) { nodes { id name region status version } pageInfo { hasNextPage endCursor } } }"}'
echo
