#!/bin/sh
# The gateway's IAM role and its Pod Identity association, with the AWS CLI (docs/deploy.md).
#   CLUSTER_NAME=platform AWS_REGION=us-east-1 sh deploy/pod-identity/create-with-aws-cli.sh
set -eu
: "${CLUSTER_NAME:?set CLUSTER_NAME}" "${AWS_REGION:?set AWS_REGION}"
here=$(dirname "$0")
ACCOUNT_ID=$(aws sts get-caller-identity --query Account --output text)
CLUSTER_ARN=$(aws eks describe-cluster --name "$CLUSTER_NAME" --query cluster.arn --output text)
trust=$(mktemp)
sed -e "s|\${ACCOUNT_ID}|$ACCOUNT_ID|g" -e "s|\${CLUSTER_ARN}|$CLUSTER_ARN|g" "$here/trust-policy.json" > "$trust"

aws iam create-role --role-name eks-pod-identity-gateway \
  --assume-role-policy-document "file://$trust" \
  --description "EKS Pod Identity gateway (service account eks-pod-identity-gateway/eks-pod-identity-gateway of $CLUSTER_NAME)"
aws iam put-role-policy --role-name eks-pod-identity-gateway --policy-name eks-pod-identity-gateway \
  --policy-document "file://$here/permissions.json"
aws eks create-pod-identity-association --cluster-name "$CLUSTER_NAME" \
  --namespace eks-pod-identity-gateway --service-account eks-pod-identity-gateway \
  --role-arn "arn:aws:iam::$ACCOUNT_ID:role/eks-pod-identity-gateway"
rm -f "$trust"
