// The few @elizaos/core 1.7 types the plugin uses, for `npm run typecheck` on a checkout without
// compat/ installed. With it (CI installs it first), tsconfig.json resolves the real 1.7.2 types.
export interface RouteRequest {
  body?: unknown;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
  method?: string;
  path?: string;
  url?: string;
}

export interface RouteResponse {
  status: (code: number) => RouteResponse;
  json: (data: unknown) => RouteResponse;
  send: (data: unknown) => RouteResponse;
  end: () => RouteResponse;
  setHeader?: (name: string, value: string | string[]) => RouteResponse;
  headersSent?: boolean;
}

export type Route = {
  type: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'STATIC';
  path: string;
  public?: boolean;
  name?: string;
  handler?: (req: RouteRequest, res: RouteResponse, runtime: unknown) => Promise<void>;
};

export interface Plugin {
  name: string;
  description: string;
  routes?: Route[];
}
