# With Terraform (hashicorp/aws 5.31 or later): the gateway's role, its permissions and its Pod
# Identity association on an existing cluster.
#   terraform -chdir=deploy/pod-identity apply -var cluster_name=platform
variable "cluster_name" {
  type        = string
  description = "The EKS cluster the gateway runs in."
}

data "aws_eks_cluster" "this" {
  name = var.cluster_name
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "gateway" {
  name        = "eks-pod-identity-gateway"
  description = "EKS Pod Identity gateway"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EksPodIdentityOfTheGatewayCluster"
      Effect    = "Allow"
      Principal = { Service = "pods.eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
      Condition = {
        StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        ArnEquals    = { "aws:SourceArn" = data.aws_eks_cluster.this.arn }
      }
    }]
  })
}

resource "aws_iam_role_policy" "gateway" {
  name   = "eks-pod-identity-gateway"
  role   = aws_iam_role.gateway.id
  policy = file("${path.module}/permissions.json")
}

resource "aws_eks_addon" "pod_identity_agent" {
  cluster_name = var.cluster_name
  addon_name   = "eks-pod-identity-agent"
}

resource "aws_eks_pod_identity_association" "gateway" {
  cluster_name    = var.cluster_name
  namespace       = "eks-pod-identity-gateway"
  service_account = "eks-pod-identity-gateway"
  role_arn        = aws_iam_role.gateway.arn
}
