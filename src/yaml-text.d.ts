declare module '*.yaml' {
  /** The file's text. */
  const text: string;
  export default text;
  /** The document read from it when jixiao was built, as JSON (src/source/prepared.ts), or null. */
  export const prepared: string | null;
}
