/**
 * @generated SignedSource<<23cb4e86277b37572515b3d60a6e39f6>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
import { FragmentRefs } from "relay-runtime";
export type AssociationRow_association$data = {
  readonly associationId: string;
  readonly id: string;
  readonly modifiedAt: string | null | undefined;
  readonly namespace: string;
  readonly roleArn: string | null | undefined;
  readonly serviceAccount: string;
  readonly " $fragmentType": "AssociationRow_association";
};
export type AssociationRow_association$key = {
  readonly " $data"?: AssociationRow_association$data;
  readonly " $fragmentSpreads": FragmentRefs<"AssociationRow_association">;
};

import AssociationRowRefetchQuery_graphql from './AssociationRowRefetchQuery.graphql';

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": AssociationRowRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "AssociationRow_association",
  "selections": [
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
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "id",
      "storageKey": null
    }
  ],
  "type": "PodIdentityAssociation",
  "abstractKey": null
};

(node as any).hash = "d380971268b62f2b60960bb1642cf6c8";

export default node;
