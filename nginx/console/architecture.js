// The architecture picture (architecture.svg, the one in docs/images too): lights up a
// request's path with its hop times, and colours each component by its health.

const STORES = ['redis', 'postgres', 'dynamodb'];

/** Puts the picture into `container`, inline so that console.css can style its parts. */
export async function drawArchitecture(container) {
  const response = await fetch('/console/architecture.svg');
  if (!response.ok) throw new Error(`architecture.svg: ${response.status}`);
  const svg = new DOMParser().parseFromString(await response.text(), 'image/svg+xml').documentElement;
  container.replaceChildren(document.importNode(svg, true));
  return container.querySelector('svg');
}

/**
 * Lights up the hops one answer went through: the gateway always, the service when it
 * answered (`fromService`), and each store its Server-Timing names.
 */
export function showPath(svg, { service, fromService, timing, millis, status }) {
  if (!svg) return;
  for (const element of svg.querySelectorAll('.edge, .node')) {
    element.classList.remove('on', 'hit', 'miss', 'bypass', 'failed');
  }
  for (const text of svg.querySelectorAll('.timing')) text.textContent = '';

  light(svg, 'gateway');
  setText(svg, 'gateway', `${millis.toFixed(1)} ms in all`);
  if (status === 0) svg.querySelector('#node-gateway').classList.add('failed');
  if (!fromService) return;

  light(svg, service);
  if (timing.app) setText(svg, service, `app ${timing.app.dur} ms`);
  for (const store of STORES.filter((name) => timing[name])) {
    light(svg, store);
    const calls = timing[store].desc ? `, ${timing[store].desc}` : '';
    setText(svg, store, `${timing[store].dur} ms${calls}`);
  }
  const cache = timing.cache?.desc;
  if (cache) {
    light(svg, 'redis');
    svg.querySelector('#node-redis').classList.add(cache);
    const text = svg.querySelector('#timing-redis');
    text.textContent = `${cache.toUpperCase()}${text.textContent ? ` ${text.textContent}` : ''}`;
  }
}

/** Colours a component by its health: healthy, degraded, unhealthy or unknown. */
export function showHealth(svg, component, health) {
  const node = svg?.querySelector(`#node-${component}`);
  if (!node) return;
  node.classList.remove('healthy', 'degraded', 'unhealthy', 'unknown');
  node.classList.add(health);
}

function light(svg, component) {
  svg.querySelector(`#node-${component}`)?.classList.add('on');
  svg.querySelector(`#edge-${component}`)?.classList.add('on');
}

function setText(svg, component, text) {
  const element = svg.querySelector(`#timing-${component}`);
  if (element) element.textContent = text;
}
