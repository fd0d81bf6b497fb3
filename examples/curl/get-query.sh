#!/usr/bin/env sh
# A query over GET (cacheable by proxies). Apollo's CSRF prevention asks a GET to carry a header
# that a browser form cannot send, such as `apollo-require-preflight`; mutations need POST.
#   GATEWAY_URL=http://127.0.0.1:4000/graphql sh examples/curl/get-query.sh
set -eu
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:4000/graphql}"

curl --silent --show-error --fail-with-body --get "$GATEWAY_URL" \
  -H 'apollo-require-preflight: true' \
  --data-urlencode 'query={ regions }'
echo
