// Prettier: the style the code was written in (single quotes, trailing commas, semicolons; lines a
// little wider than the comments, which wrap at 100). `.prettierignore` lists what is generated.
export default {
  singleQuote: true,
  trailingComma: 'all',
  semi: true,
  printWidth: 120,
  // The text in graphql`...` tags is Relay's input: relay-compiler hashes it into the committed
  // artifacts, so reformatting it would make them stale.
  embeddedLanguageFormatting: 'off',
};
