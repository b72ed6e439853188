// One HTTP exchange through the gateway, kept as what was sent and what came back.

/**
 * Sends a request and resolves to the exchange; never rejects: a gateway that does not
 * answer is an exchange with status 0 and the browser's reason.
 */
export async function exchange({ method, path, headers = {}, body }) {
  const request = { method, path, headers, body };
  const started = performance.now();
  try {
    const response = await fetch(path, { method, headers, body, cache: 'no-store' });
    const text = await response.text();
    return {
      request,
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers.entries()],
      header: (name) => response.headers.get(name),
      text,
      millis: performance.now() - started,
    };
  } catch (error) {
    return {
      request, status: 0, statusText: 'no answer', headers: [], header: () => null,
      text: `The gateway did not answer: ${error.message}`, millis: performance.now() - started,
    };
  }
}

/** The answer's body as JSON, or null when it is not JSON. */
export function json(answer) {
  try {
    return JSON.parse(answer.text);
  } catch {
    return null;
  }
}

/**
 * W3C Server-Timing, e.g. `cache;desc="miss", redis;dur=0.42, app;dur=3.10`, as
 * { cache: { desc: 'miss' }, redis: { dur: 0.42 }, app: { dur: 3.1 } }.
 */
export function serverTiming(header) {
  const metrics = {};
  for (const entry of (header ?? '').split(',')) {
    const [name, ...params] = entry.split(';').map((part) => part.trim());
    if (!name) continue;
    const metric = {};
    for (const param of params) {
      const [key, value = ''] = param.split('=');
      const text = value.replace(/^"(.*)"$/, '$1');
      metric[key.trim()] = key.trim() === 'dur' ? Number(text) : text;
    }
    metrics[name] = metric;
  }
  return metrics;
}
