/** The API's answer to a refused request: its Problem Details, shown to the user as they are. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: { title?: string; detail?: string; [extension: string]: unknown },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** The server could not be reached at all. */
export class UnreachableError extends Error {
  override readonly name = 'UnreachableError';
}

export interface ClientOptions {
  url: string;
  token: string | undefined;
}

/** A thin client of the HTTP API: JSON in, JSON (or bytes) out, Problem Details as ApiError. */
export class ApiClient {
  private readonly base: string;

  constructor(private readonly options: ClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
  }

  get url(): string {
    return this.base;
  }

  private async send(method: string, path: string, body: unknown, accept: string): Promise<Response> {
    const headers: Record<string, string> = { accept };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new UnreachableError(`cannot reach the server at ${this.base} (${cause?.code ?? cause?.message ?? String(error)}): start it, or set SLA_URL / --url`);
    }
    if (response.status >= 400) {
      const text = await response.text();
      let problem: ApiError['problem'];
      try {
        problem = JSON.parse(text) as ApiError['problem'];
      } catch {
        problem = { detail: text.trim() || `HTTP ${response.status} ${response.statusText}` };
      }
      throw new ApiError(method, path, response.status, problem);
    }
    return response;
  }

  async get<T>(path: string): Promise<T> {
    return (await (await this.send('GET', path, undefined, 'application/json')).json()) as T;
  }

  async post<T>(path: string, body: unknown = {}): Promise<T> {
    const response = await this.send('POST', path, body, 'application/json');
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as T;
  }

  async bytes(path: string, accept: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.send('GET', path, undefined, accept)).arrayBuffer());
  }
}
