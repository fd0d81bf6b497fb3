/**
 * @generated SignedSource<<8f123add67dd06069b67cf8e60e13a21>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import { ReaderFragment } from 'relay-runtime';
export type ClusterStatus = "ACTIVE" | "CREATING" | "DELETING" | "FAILED" | "PENDING" | "UPDATING" | "%future added value";
import { FragmentRefs } from "relay-runtime";
export type ClusterCard_cluster$data = {
  readonly createdAt: string | null | undefined;
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly status: ClusterStatus | null | undefined;
  readonly version: string | null | undefined;
  readonly " $fragmentType": "ClusterCard_cluster";
};
export type ClusterCard_cluster$key = {
  readonly " $data"?: ClusterCard_cluster$data;
  readonly " $fragmentSpreads": FragmentRefs<"ClusterCard_cluster">;
};

import ClusterCardRefetchQuery_graphql from './ClusterCardRefetchQuery.graphql';

const node: ReaderFragment = {
  "argumentDefinitions": [],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": ClusterCardRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "id",
        "identifierQueryVariableName": "id"
      }
    }
  },
  "name": "ClusterCard_cluster",
  "selections": [
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "name",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "region",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "status",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "version",
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "createdAt",
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
  "type": "Cluster",
  "abstractKey": null
};

(node as any).hash = "08e1001ebe7ecbece63cefc01033e3eb";

export default node;
