/** swagger-ui-dist ships no types; the portal only needs where its files are. */
declare module 'swagger-ui-dist/absolute-path.js' {
  /** The package's folder on disk (swagger-ui-bundle.js, swagger-ui.css). */
  export default function getAbsoluteFSPath(): string;
}
