import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { ClientTransport } from './client-options';
import { createUndiciAdapter } from './undici.adapter';

/** The axios instance a client sends through, and how to release its sockets. */
export interface Transport {
  axios: AxiosInstance;
  destroy(): Promise<void>;
}

/** Settings both transports share. */
export interface TransportOptions {
  baseUrl: string;
  kind: ClientTransport;
  maxSockets?: number;
}

/**
 * Builds the keep-alive axios instance for one upstream. Redirects are never followed
 * (`maxRedirects: 0`): a service-to-service call that is redirected is a configuration
 * error, and following it would send the service token to wherever the redirect points.
 * For the same reason `allowAbsoluteUrls` is off: every URL is resolved under `baseUrl`.
 */
export function createTransport(options: TransportOptions): Transport {
  const common = { baseURL: options.baseUrl, maxRedirects: 0, allowAbsoluteUrls: false };
  if (options.kind === 'undici') {
    const undici = createUndiciAdapter(options.baseUrl, { connections: options.maxSockets });
    return { axios: axios.create({ ...common, adapter: undici.adapter }), destroy: undici.destroy };
  }
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? Infinity };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  return {
    axios: axios.create({ ...common, adapter: 'http', httpAgent, httpsAgent }),
    destroy: async () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
