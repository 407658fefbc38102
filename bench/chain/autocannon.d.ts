/** The part of autocannon 8's programmatic API the benches use (it ships no types). */
declare module 'autocannon' {
  interface Options {
    url: string;
    headers?: Record<string, string>;
    connections?: number;
    /** Seconds. */
    duration?: number;
    overallRate?: number;
    ignoreCoordinatedOmission?: boolean;
    setupClient?: (client: unknown) => void;
  }
  interface Result {
    /** Seconds the run took. */
    duration: number;
    '2xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}
