// folio-cache: restore folio's cache (.cache/) before the build command and
// save it after, with Netlify's own cache utilities (utils.cache), which
// keep files between builds of a site. A first build, or one after "Clear
// cache and deploy", finds nothing to restore and makes everything anew.
//
// CommonJS, as Netlify loads a local plugin without a package.json.

'use strict'

// paths returns the folders to keep: the plugin's input, or .cache.
function paths(inputs) {
  const p = inputs && inputs.paths
  if (Array.isArray(p) && p.length > 0) return p
  return ['.cache']
}

module.exports = {
  // Before the build command: bring back what the last build kept.
  async onPreBuild({ utils, inputs }) {
    for (const path of paths(inputs)) {
      const restored = await utils.cache.restore(path)
      console.log(restored ? `folio-cache: restored ${path}` : `folio-cache: nothing kept yet for ${path}`)
    }
  },

  // After a successful build command: keep the cache for the next build.
  // (Netlify runs onPostBuild only when the build command succeeded.)
  async onPostBuild({ utils, inputs }) {
    for (const path of paths(inputs)) {
      const saved = await utils.cache.save(path)
      console.log(saved ? `folio-cache: kept ${path} for the next build` : `folio-cache: ${path} does not exist, nothing to keep`)
    }
  },
}
