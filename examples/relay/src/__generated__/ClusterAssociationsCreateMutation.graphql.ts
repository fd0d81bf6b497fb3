/**
 * @generated SignedSource<<1883f8424a9e8688c5797d939c6faa8b>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type MutationErrorCode = "ALREADY_EXISTS" | "ASSOCIATION_NOT_FOUND" | "CLUSTER_NOT_FOUND" | "FORBIDDEN" | "INVALID_INPUT" | "INVALID_REQUEST" | "INVALID_ROLE" | "LIMIT_EXCEEDED" | "%future added value";
export type CreatePodIdentityAssociationInput = {
  accountId?: string | null | undefined;
  clientMutationId?: string | null | undefined;
  clientRequestToken?: string | null | undefined;
  clusterName: string;
  disableSessionTags?: boolean | null | undefined;
  dryRun?: boolean | null | undefined;
  namespace: string;
  policy?: string | null | undefined;
  region?: string | null | undefined;
  roleArn: string;
  serviceAccount: string;
  tags?: ReadonlyArray<TagInput> | null | undefined;
  targetRoleArn?: string | null | undefined;
};
export type TagInput = {
  key: string;
  value: string;
};
export type ClusterAssociationsCreateMutation$variables = {
  connections: ReadonlyArray<string>;
  input: CreatePodIdentityAssociationInput;
};
export type ClusterAssociationsCreateMutation$data = {
  readonly createPodIdentityAssociation: {
    readonly clientRequestToken: string | null | undefined;
    readonly errors: ReadonlyArray<{
      readonly code: MutationErrorCode;
      readonly field?: string | null | undefined;
      readonly message: string;
    }>;
    readonly podIdentityAssociation: {
      readonly id: string;
      readonly " $fragmentSpreads": FragmentRefs<"AssociationRow_association">;
    } | null | undefined;
  };
};
export type ClusterAssociationsCreateMutation = {
  response: ClusterAssociationsCreateMutation$data;
  variables: ClusterAssociationsCreateMutation$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "connections"
},
v1 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "input"
},
v2 = [
  {
    "kind": "Variable",
    "name": "input",
    "variableName": "input"
  }
],
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "clientRequestToken",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "code",
  "storageKey": null
},
v6 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "message",
  "storageKey": null
},
v7 = {
  "kind": "InlineFragment",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "field",
      "storageKey": null
    }
  ],
  "type": "InvalidInputError",
  "abstractKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [
      (v0/*:: as any*/),
      (v1/*:: as any*/)
    ],
    "kind": "Fragment",
    "metadata": null,
    "name": "ClusterAssociationsCreateMutation",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": "CreatePodIdentityAssociationPayload",
        "kind": "LinkedField",
        "name": "createPodIdentityAssociation",
        "plural": false,
        "selections": [
          (v3/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "PodIdentityAssociation",
            "kind": "LinkedField",
            "name": "podIdentityAssociation",
            "plural": false,
            "selections": [
              (v4/*:: as any*/),
              {
                "args": null,
                "kind": "FragmentSpread",
                "name": "AssociationRow_association"
              }
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "errors",
            "plural": true,
            "selections": [
              (v5/*:: as any*/),
              (v6/*:: as any*/),
              (v7/*:: as any*/)
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Mutation",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [
      (v1/*:: as any*/),
      (v0/*:: as any*/)
    ],
    "kind": "Operation",
    "name": "ClusterAssociationsCreateMutation",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": "CreatePodIdentityAssociationPayload",
        "kind": "LinkedField",
        "name": "createPodIdentityAssociation",
        "plural": false,
        "selections": [
          (v3/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": "PodIdentityAssociation",
            "kind": "LinkedField",
            "name": "podIdentityAssociation",
            "plural": false,
            "selections": [
              (v4/*:: as any*/),
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "associationId",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "namespace",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "serviceAccount",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "roleArn",
                "storageKey": null
              },
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "modifiedAt",
                "storageKey": null
              }
            ],
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "filters": null,
            "handle": "appendNode",
            "key": "",
            "kind": "LinkedHandle",
            "name": "podIdentityAssociation",
            "handleArgs": [
              {
                "kind": "Variable",
                "name": "connections",
                "variableName": "connections"
              },
              {
                "kind": "Literal",
                "name": "edgeTypeName",
                "value": "PodIdentityAssociationEdge"
              }
            ]
          },
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "errors",
            "plural": true,
            "selections": [
              {
                "alias": null,
                "args": null,
                "kind": "ScalarField",
                "name": "__typename",
                "storageKey": null
              },
              (v5/*:: as any*/),
              (v6/*:: as any*/),
              (v7/*:: as any*/)
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "fa21b7987fa7c68df605ef8bba0fb89e",
    "id": null,
    "metadata": {},
    "name": "ClusterAssociationsCreateMutation",
    "operationKind": "mutation",
    "text": "mutation ClusterAssociationsCreateMutation(\n  $input: CreatePodIdentityAssociationInput!\n) {\n  createPodIdentityAssociation(input: $input) {\n    clientRequestToken\n    podIdentityAssociation {\n      id\n      ...AssociationRow_association\n    }\n    errors {\n      __typename\n      code\n      message\n      ... on InvalidInputError {\n        field\n      }\n    }\n  }\n}\n\nfragment AssociationRow_association on PodIdentityAssociation {\n  associationId\n  namespace\n  serviceAccount\n  roleArn\n  modifiedAt\n  id\n}\n"
  }
};
})();

(node as any).hash = "4d6abfbe28a8e219d10b7169be7b3dfb";

export default node;
