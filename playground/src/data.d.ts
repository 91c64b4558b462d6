// The examples and the Hunan sheet, put into the page by the build (build.mjs).
declare module 'playground:examples' {
  export const EXAMPLES: {
    id: string;
    title: string;
    rubric: { bundled: string } | { yaml: string; file: string };
    input?: string;
    filed?: string;
    form?: string;
  }[];
  export const HUNAN_SHEET_CSV: string;
}
declare const __JIXIAO_CLI__: boolean | undefined;
