/** The ready tabs GraphiQL opens with, filled in for the emulator's demo data. */
export interface ExampleTab {
  query: string;
  variables?: string;
}

export function exampleTabs(): ExampleTab[] {
  return [
    {
      query: `# Every cluster of every region this gateway serves.
query ListClusters {
  clusters(first: 10) {
    nodes { id name region status version }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    },
  ];
}
