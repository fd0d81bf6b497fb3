/**
 * @generated SignedSource<<bee80bc6a348f61c3092c5f9032645bd>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ConcreteRequest } from 'relay-runtime';
export type MutationErrorCode = "ALREADY_EXISTS" | "ASSOCIATION_NOT_FOUND" | "CLUSTER_NOT_FOUND" | "FORBIDDEN" | "INVALID_INPUT" | "INVALID_REQUEST" | "INVALID_ROLE" | "LIMIT_EXCEEDED" | "%future added value";
export type DeletePodIdentityAssociationInput = {
  accountId?: string | null | undefined;
  associationId?: string | null | undefined;
  clientMutationId?: string | null | undefined;
  clusterName?: string | null | undefined;
  id?: string | null | undefined;
  region?: string | null | undefined;
};
export type ClusterAssociationsDeleteMutation$variables = {
  input: DeletePodIdentityAssociationInput;
};
export type ClusterAssociationsDeleteMutation$data = {
  readonly deletePodIdentityAssociation: {
    readonly deletedPodIdentityAssociationId: string | null | undefined;
    readonly errors: ReadonlyArray<{
      readonly code: MutationErrorCode;
      readonly message: string;
    }>;
  };
};
export type ClusterAssociationsDeleteMutation = {
  response: ClusterAssociationsDeleteMutation$data;
  variables: ClusterAssociationsDeleteMutation$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "input"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "input",
    "variableName": "input"
  }
],
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "deletedPodIdentityAssociationId",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "code",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "message",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "ClusterAssociationsDeleteMutation",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "DeletePodIdentityAssociationPayload",
        "kind": "LinkedField",
        "name": "deletePodIdentityAssociation",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "concreteType": null,
            "kind": "LinkedField",
            "name": "errors",
            "plural": true,
            "selections": [
              (v3/*:: as any*/),
              (v4/*:: as any*/)
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
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "ClusterAssociationsDeleteMutation",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "DeletePodIdentityAssociationPayload",
        "kind": "LinkedField",
        "name": "deletePodIdentityAssociation",
        "plural": false,
        "selections": [
          (v2/*:: as any*/),
          {
            "alias": null,
            "args": null,
            "filters": null,
            "handle": "deleteRecord",
            "key": "",
            "kind": "ScalarHandle",
            "name": "deletedPodIdentityAssociationId"
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
              (v3/*:: as any*/),
              (v4/*:: as any*/)
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "460c737ed1339e5e69e83ace25621053",
    "id": null,
    "metadata": {},
    "name": "ClusterAssociationsDeleteMutation",
    "operationKind": "mutation",
    "text": "mutation ClusterAssociationsDeleteMutation(\n  $input: DeletePodIdentityAssociationInput!\n) {\n  deletePodIdentityAssociation(input: $input) {\n    deletedPodIdentityAssociationId\n    errors {\n      __typename\n      code\n      message\n    }\n  }\n}\n"
  }
};
})();

(node as any).hash = "8438ecd8202e74cb2d34a393b0e2e5b6";

export default node;
