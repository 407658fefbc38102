import { z } from 'zod';

/** The layers the portal groups apps by, top (consumers' side) to bottom (backends). */
export const LAYERS = ['experience', 'process', 'system', 'emulator'] as const;
export type Layer = (typeof LAYERS)[number];

/** One app the portal watches: where it answers, its layer and whom it calls. */
export const watchedAppSchema = z.object({
  /** The app's project name (`system-core-banking`): shown on the page and used in URLs. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes'),
  layer: z.enum(LAYERS),
  /** Where its health, metrics and OpenAPI endpoints answer. */
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
  /** Apps it calls: the edges of the layer picture. */
  calls: z.array(z.string()).default([]),
  /** It serves customer-sync's `GET /v1/status` (feed lag, outbox, dead letters). */
  syncStatus: z.boolean().default(false),
});

export type WatchedApp = z.output<typeof watchedAppSchema>;

/**
 * The list as a whole: names are unique, calls name configured apps and never go up
 * the layers (an experience API may call a process API, not the other way round).
 */
export const watchedAppsSchema = z
  .array(watchedAppSchema)
  .min(1)
  .superRefine((apps, ctx) => {
    const byName = new Map<string, WatchedApp>();
    apps.forEach((app, index) => {
      if (byName.has(app.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `${app.name} is listed twice` });
      byName.set(app.name, app);
    });
    apps.forEach((app, index) =>
      app.calls.forEach((callee, callIndex) => {
        const target = byName.get(callee);
        const path = [index, 'calls', callIndex];
        if (!target) ctx.addIssue({ code: 'custom', path, message: `${app.name} calls ${callee}, which is not configured` });
        else if (LAYERS.indexOf(target.layer) < LAYERS.indexOf(app.layer)) {
          ctx.addIssue({ code: 'custom', path, message: `${app.name} (${app.layer}) cannot call ${callee} (${target.layer}): calls go down the layers` });
        }
      }),
    );
  });
