declare module '*.yaml' {
  /** The file's text. */
  const text: string;
  export default text;
  /** The document read from it when jixiao was built, as JSON (src/rubric/prepared.ts), or null. */
  export const prepared: string | null;
  /** What the rubric schema made of it (src/rubric/prepared.ts), for a rubric that extends none; or null. */
  export const parsed: string | null;
}
