#!/usr/bin/env sh
# Creates an association, safely under retries: run it twice and the second run, with the same
# clientRequestToken, answers the association the first one made. Expected failures (an invalid
# namespace, say) come back typed in `errors`, with HTTP 200. `x-request-id` names the request in
# the gateway's logs (and comes back as a response header).
#   GATEWAY_URL=http://127.0.0.1:4000/graphql sh examples/curl/create-association.sh [NAMESPACE] [SERVICE_ACCOUNT]
set -eu
GATEWAY_URL="${GATEWAY_URL:-http://127.0.0.1:4000/graphql}"
NAMESPACE="${1:-payments}"
SERVICE_ACCOUNT="${2:-refunds}"
TOKEN="curl-example-$NAMESPACE-$SERVICE_ACCOUNT"

curl --silent --show-error --fail-with-body "$GATEWAY_URL" \
  -H 'content-type: application/json' \
  -H "x-request-id: $TOKEN" \
  --data @- <<JSON
{
  "query": "mutation Create(\$input: CreatePodIdentityAssociationInput!) { createPodIdentityAssociation(input: \$input) { clientRequestToken podIdentityAssociation { id associationId roleArn } errors { __typename code message ... on InvalidInputError { field } ... on AlreadyExistsError { existingAssociationId } } } }",
  "variables": {
    "input": {
      "clusterName": "prod-platform",
      "region": "us-east-1",
      "namespace": "$NAMESPACE",
      "serviceAccount": "$SERVICE_ACCOUNT",
      "roleArn": "arn:aws:iam::111122223333:role/$NAMESPACE-$SERVICE_ACCOUNT",
      "clientRequestToken": "$TOKEN"
    }
  }
}
JSON
echo
