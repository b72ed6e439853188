// The live view: health of every service and store, and the last minute's request rate and
// cache hit ratio, polled from the gateway every few seconds. A component that does not
// answer is shown as such; the others keep updating.

import { exchange, json } from './http.js';

const EVERY_MILLIS = 2000;

/** Polls for ever; `onHealth(component, health)` hears every component's state. */
export function watch(onHealth) {
  const poll = async () => {
    await Promise.all([gatewayHealth(onHealth), serviceHealth('user-service', '/api/users', ['postgres', 'redis'], onHealth),
      serviceHealth('chat-service', '/api/chats', ['dynamodb'], onHealth), stats()]);
    document.querySelector('#live-updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    setTimeout(poll, EVERY_MILLIS);
  };
  poll();
}

async function gatewayHealth(onHealth) {
  const answer = await exchange({ method: 'GET', path: '/health' });
  show('gateway', json(answer)?.status ?? 'unhealthy', onHealth);
}

/**
 * A service's /health names its stores' states. When the service itself does not answer
 * (the gateway's own 503), its stores are unknown.
 */
async function serviceHealth(service, prefix, stores, onHealth) {
  const body = json(await exchange({ method: 'GET', path: `${prefix}/health` }));
  show(service, body?.status ?? 'unhealthy', onHealth);
  for (const store of stores) {
    show(store, body?.dependencies?.[store] ?? 'unknown', onHealth);
  }
}

async function stats() {
  const [users, chats] = await Promise.all(['/api/users/stats', '/api/chats/stats']
    .map(async (path) => json(await exchange({ method: 'GET', path }))));
  cell('user-service').textContent = rate(users);
  cell('chat-service').textContent = rate(chats);
  const ratio = users?.cache?.hit_ratio;
  cell('cache').textContent = users?.cache
    ? `hit ratio ${ratio == null ? 'n/a' : `${Math.round(ratio * 100)} %`} (${users.cache.hits} hits, ${users.cache.misses} misses, ${users.cache.bypasses} bypasses)`
    : 'no stats';
}

function rate(stats) {
  return stats?.requests_per_second == null ? 'no stats'
    : `${stats.requests_per_second.toFixed(2)} req/s (${stats.requests} requests)`;
}

function show(component, health, onHealth) {
  const status = document.querySelector(`[data-health="${component}"]`);
  status.textContent = health;
  status.className = `status ${health}`;
  onHealth(component, health);
}

function cell(name) {
  return document.querySelector(`[data-stats="${name}"]`);
}
