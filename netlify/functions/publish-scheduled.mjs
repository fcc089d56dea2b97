// publish-scheduled: a Netlify scheduled function that starts a production
// build once a day, so that an article dated in the future is published on
// its date without anyone pushing a commit. folio build prints the date of
// the next scheduled article; a build on or after it publishes the article.
//
// It calls the site's build hook, whose URL is a secret: create the hook in
// the Netlify UI (Project configuration → Build & deploy → Build hooks) and
// store its URL in the environment variable BUILD_HOOK_URL, with the
// Functions scope. Netlify runs scheduled functions of published deploys
// only, in UTC.

export default async function publishScheduled(req) {
  const hook = process.env.BUILD_HOOK_URL
  if (!hook) {
    console.error('publish-scheduled: BUILD_HOOK_URL is not set; scheduled articles wait for the next deploy (README, "Deploying on Netlify", step 5)')
    return new Response('BUILD_HOOK_URL is not set', { status: 500 })
  }
  // The URL is parsed, not glued to a query string: a hook URL that already
  // has one (?trigger_branch=main) keeps it, and a value pasted wrongly is
  // reported as such rather than as a failed fetch.
  let url
  try {
    url = new URL(hook)
  } catch {
    console.error('publish-scheduled: BUILD_HOOK_URL is not a URL; paste the build hook\'s URL as Netlify shows it')
    return new Response('BUILD_HOOK_URL is not a URL', { status: 500 })
  }
  // The title names the build in the deploy log.
  url.searchParams.set('trigger_title', 'Scheduled build (publish-scheduled)')
  let nextRun = ''
  try {
    nextRun = (await req.json()).next_run || ''
  } catch {
    // Called by hand (netlify functions:invoke): no body.
  }
  // The hook starts a build of its branch (the production branch, main).
  const res = await fetch(url, { method: 'POST', body: '{}' })
  if (!res.ok) {
    console.error(`publish-scheduled: the build hook answered ${res.status}`)
    return new Response(`build hook: ${res.status}`, { status: 502 })
  }
  console.log(`publish-scheduled: build started${nextRun ? `; next run ${nextRun}` : ''}`)
  return new Response('build started', { status: 200 })
}

// Every day at 00:05 UTC, just after midnight, when an article dated with a
// day alone (2025-03-14) is due. Articles dated with an hour come out with
// the first run after it: for the same hour, use "5 * * * *" (hourly).
export const config = { schedule: '5 0 * * *' }
