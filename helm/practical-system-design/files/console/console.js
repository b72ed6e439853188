// The console: each form becomes one request through the gateway; the page shows the exact
// request, the answer (a problem+json as its members), and the request's path and timings.

import { drawArchitecture, showHealth, showPath } from './architecture.js';
import { exchange, json, serverTiming } from './http.js';
import { watch } from './live.js';

// The architecture picture, once loaded; null until then, or if the gateway did not send it.
let architecture = null;

for (const form of document.querySelectorAll('form[data-method]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = await exchange(requestOf(form));
    showExchange(answer);
    remember(answer);
  });
}

architecture = await drawArchitecture(document.querySelector('#architecture')).catch(() => null);
watch((component, health) => showHealth(architecture, component, health));

/**
 * The request a form describes: `{name}` in its path from the path fields (encoded, as
 * docs/api.md asks), query fields, and body fields as JSON (blank ones left out).
 */
function requestOf(form) {
  let path = form.dataset.path;
  const query = new URLSearchParams();
  const body = {};
  for (const input of form.querySelectorAll('input[data-in]')) {
    const value = input.value.trim();
    if (input.dataset.in === 'path') path = path.replace(`{${input.name}}`, encodeURIComponent(value));
    else if (value === '') continue;
    else if (input.dataset.in === 'query') query.set(input.name, value);
    else body[input.name] = bodyValue(input, value);
  }
  const request = { method: form.dataset.method, path: query.size ? `${path}?${query}` : path };
  if (form.querySelector('input[data-in="body"]')) {
    request.headers = { 'Content-Type': 'application/json' };
    request.body = JSON.stringify(body);
  }
  return request;
}

/** A field's JSON value: text, a comma-separated list, or JSON as typed (sent as text if it is not JSON). */
function bodyValue(input, value) {
  if (input.dataset.type === 'list') return value.split(',').map((item) => item.trim());
  if (input.dataset.type === 'json') {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

function showExchange(answer) {
  const { method, path, headers = {}, body } = answer.request;
  document.querySelector('#request-text').textContent = [`${method} ${path} HTTP/1.1`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), '', body ?? ''].join('\n');

  const status = document.querySelector('#answer-status');
  status.textContent = `${answer.status} ${answer.statusText}`;
  status.className = `status ${answer.status >= 200 && answer.status < 400 ? 'healthy' : 'unhealthy'}`;
  const answerBody = json(answer);
  document.querySelector('#answer-text').textContent = [`HTTP/1.1 ${answer.status} ${answer.statusText}`,
    ...answer.headers.map(([name, value]) => `${name}: ${value}`), '',
    answerBody === null ? answer.text : JSON.stringify(answerBody, null, 2)].join('\n');
  showProblem(answer, answerBody);

  const timing = serverTiming(answer.header('Server-Timing'));
  const service = answer.request.path.startsWith('/api/users') ? 'user-service' : 'chat-service';
  // The gateway's own answers (no route, service unreachable) are JSON with an "error" member.
  const fromService = Boolean(timing.app) || (answer.status > 0 && answerBody?.error === undefined);
  showPath(architecture, { service, fromService, timing, millis: answer.millis, status: answer.status });
  showSummary(answer, timing);
}

/** An RFC 9457 problem as its members: title, detail, and each field error. */
function showProblem(answer, problem) {
  const box = document.querySelector('#problem');
  const isProblem = (answer.header('Content-Type') ?? '').startsWith('application/problem+json') && problem;
  box.hidden = !isProblem;
  if (!isProblem) return;
  const lines = [element('strong', `${problem.status} ${problem.title}`), element('p', problem.detail ?? '')];
  if (Array.isArray(problem.errors)) {
    const list = element('ul');
    for (const error of problem.errors) list.append(element('li', `${error.field}: ${error.message}`));
    lines.push(list);
  }
  box.replaceChildren(...lines);
}

function showSummary(answer, timing) {
  const parts = [`${answer.request.method} ${answer.request.path}: ${answer.status}`,
    `${answer.millis.toFixed(1)} ms seen by the browser`];
  if (timing.app) parts.push(`${timing.app.dur} ms in the service`);
  if (timing.cache) parts.push(`cache ${timing.cache.desc}`);
  const id = answer.header('X-Request-ID');
  const summary = document.querySelector('#path-summary');
  summary.replaceChildren(parts.join(' · '));
  if (id) {
    summary.append(element('br'), 'In the logs: ', element('code', `grep ${id} .local-run/logs/*.log`));
  }
  summary.dataset.cache = timing.cache?.desc ?? '';
}

/** A created user's or chat's id fills the other forms' id fields. */
function remember(answer) {
  const body = json(answer);
  if (answer.status !== 201 || !body?.id) return;
  const kind = answer.request.path.startsWith('/api/users') ? 'user' : 'chat';
  for (const input of document.querySelectorAll(`input[data-remember="${kind}"]`)) input.value = body.id;
}

function element(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}
