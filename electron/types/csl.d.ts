// The CSL styles and locale in resources/csl/, imported as text (`with { type: 'text' }`): esbuild
// bundles them as strings, and vitest.config.ts gives vitest the same.
declare module '*.csl' {
  const xml: string;
  export default xml;
}
declare module '*.xml' {
  const xml: string;
  export default xml;
}
