// Tests of the Netlify parts of the repository, under node with stubs for
// what Netlify provides: run with `node --test netlify/netlify.test.mjs`
// (TestNetlifyNode in cmd/folio/netlify_test.go runs them with go test).
// The file is named, not the folder: node 21 and later read a folder
// argument as a module to run and fail.

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

// stubUtils records, in order, what the plugin asks of Netlify's cache.
function stubUtils(log, { restored = true, saved = true } = {}) {
  return {
    cache: {
      async restore(path) { log.push(`restore ${path}`); return restored },
      async save(path) { log.push(`save ${path}`); return saved },
    },
  }
}

test('folio-cache restores .cache before the build and saves it after', async () => {
  const plugin = require('./plugins/folio-cache/index.js')
  const log = []
  const utils = stubUtils(log)
  // Netlify runs the handlers around the build command, in this order.
  await plugin.onPreBuild({ utils, inputs: { paths: ['.cache'] } })
  log.push('build')
  await plugin.onPostBuild({ utils, inputs: { paths: ['.cache'] } })
  assert.deepEqual(log, ['restore .cache', 'build', 'save .cache'])
})

test('folio-cache keeps .cache without inputs, and every folder it is given', async () => {
  const plugin = require('./plugins/folio-cache/index.js')
  const log = []
  await plugin.onPreBuild({ utils: stubUtils(log, { restored: false }), inputs: {} })
  await plugin.onPostBuild({ utils: stubUtils(log), inputs: { paths: ['.cache', 'other'] } })
  assert.deepEqual(log, ['restore .cache', 'save .cache', 'save other'])
})

test('folio-cache has only the handlers Netlify knows', () => {
  const plugin = require('./plugins/folio-cache/index.js')
  const known = ['onPreBuild', 'onBuild', 'onPostBuild', 'onError', 'onSuccess', 'onEnd']
  for (const name of Object.keys(plugin)) assert.ok(known.includes(name), `unknown handler ${name}`)
})

test('publish-scheduled calls the build hook, once a day', async (t) => {
  const mod = await import('./functions/publish-scheduled.mjs')
  assert.match(mod.config.schedule, /^\d+ \d+ \* \* \*$/, 'a daily cron expression')
  const calls = []
  t.mock.method(globalThis, 'fetch', async (url, init) => { calls.push({ url, method: init.method }); return new Response('', { status: 200 }) })
  process.env.BUILD_HOOK_URL = 'https://api.netlify.com/build_hooks/abc123'
  try {
    const req = new Request('https://site.example/.netlify/functions/publish-scheduled', { method: 'POST', body: JSON.stringify({ next_run: '2026-05-02T00:05:00.000Z' }) })
    const res = await mod.default(req)
    assert.equal(res.status, 200)
    assert.equal(calls.length, 1)
    assert.equal(calls[0].method, 'POST')
    assert.equal(String(calls[0].url), 'https://api.netlify.com/build_hooks/abc123?trigger_title=Scheduled+build+%28publish-scheduled%29')
  } finally {
    delete process.env.BUILD_HOOK_URL
  }
})

test('publish-scheduled fails loudly without a hook or when the hook fails', async (t) => {
  const mod = await import('./functions/publish-scheduled.mjs')
  let calls = 0
  t.mock.method(globalThis, 'fetch', async () => { calls++; return new Response('', { status: 404 }) })
  t.mock.method(console, 'error', () => {})
  delete process.env.BUILD_HOOK_URL
  assert.equal((await mod.default(new Request('https://x.example/', { method: 'POST' }))).status, 500)
  assert.equal(calls, 0, 'no hook, no request')
  process.env.BUILD_HOOK_URL = 'https://api.netlify.com/build_hooks/gone'
  try {
    assert.equal((await mod.default(new Request('https://x.example/', { method: 'POST' }))).status, 502)
  } finally {
    delete process.env.BUILD_HOOK_URL
  }
})

test('publish-scheduled keeps the hook URL\'s own query and refuses a value that is no URL', async (t) => {
  const mod = await import('./functions/publish-scheduled.mjs')
  const calls = []
  t.mock.method(globalThis, 'fetch', async (url) => { calls.push(String(url)); return new Response('', { status: 200 }) })
  t.mock.method(console, 'error', () => {})
  t.mock.method(console, 'log', () => {})
  try {
    process.env.BUILD_HOOK_URL = 'https://api.netlify.com/build_hooks/abc123?trigger_branch=main'
    assert.equal((await mod.default(new Request('https://x.example/', { method: 'POST' }))).status, 200)
    assert.deepEqual(calls, ['https://api.netlify.com/build_hooks/abc123?trigger_branch=main&trigger_title=Scheduled+build+%28publish-scheduled%29'])
    process.env.BUILD_HOOK_URL = 'api.netlify.com/build_hooks/abc123'
    const res = await mod.default(new Request('https://x.example/', { method: 'POST' }))
    assert.equal(res.status, 500)
    assert.equal(await res.text(), 'BUILD_HOOK_URL is not a URL')
    assert.equal(calls.length, 1, 'no request for a value that is no URL')
  } finally {
    delete process.env.BUILD_HOOK_URL
  }
})
