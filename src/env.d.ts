/// <reference types="astro/client" />
declare module '*.yaml?raw' {
  const text: string;
  export default text;
}

// Plain `tsc` (in `npm run check`) cannot read .astro files; `astro check` types them for real.
// This fallback only applies where a .astro import cannot be resolved, i.e. outside astro check.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
