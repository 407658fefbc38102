/** Who is writing and through which client: becomes the system fields and the CDC header. */
export interface WriteContext {
  /** The session's user id: CreatedById / LastModifiedById / commitUser. */
  userId: string;
  /**
   * The `client=<name>` of the caller's `Sforce-Call-Options` header, or ''. Carried
   * into each change event's `changeOrigin`, which is how a sync recognises its own
   * writes coming back.
   */
  client: string;
  /** The REST API version the caller used (for `changeOrigin`). */
  apiVersion: string;
}

/** Salesforce's changeOrigin format for a REST write made with a client name. */
export function changeOriginOf(context: WriteContext): string {
  return context.client ? `com/salesforce/api/rest/${context.apiVersion};client=${context.client}` : '';
}
