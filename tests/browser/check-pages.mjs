// Opens every built article page of a folder in headless Chromium, reads each page's embedded
// JSON-LD through the DOM, compares it with the article's .jsonld output beside it, and writes
// a full-page screenshot of each.
//
// usage: node check-pages.mjs ARTICLES_DIR SCREENSHOT_DIR
// Prints one JSON line per page, {"page", "ok", ...}; exits 0 when every page is right, 1 when
// one is not, 2 on a usage or browser failure.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { chromium } from "playwright-core";

const [dir, shots] = process.argv.slice(2);
if (!dir || !shots) {
  console.error("usage: node check-pages.mjs ARTICLES_DIR SCREENSHOT_DIR");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const pages = readdirSync(dir).filter((n) => n.endsWith(".html")).sort();
if (pages.length === 0) {
  console.error(`no .html pages in ${dir}`);
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let failed = 0;
try {
  for (const name of pages) {
    const slug = name.slice(0, -".html".length);
    const url = pathToFileURL(join(dir, name)).href;
    const tab = await browser.newPage({ viewport: { width: 1024, height: 900 } });
    const errors = [];
    tab.on("pageerror", (e) => errors.push(String(e)));
    // Pages are self-contained: no script, style sheet or font comes from elsewhere. The
    // article's picture may (it is not fetched here: the tests run offline).
    const requests = [];
    await tab.route("**/*", (route) => {
      const request = route.request();
      if (request.url() === url) return route.continue();
      if (request.resourceType() !== "image") requests.push(`${request.resourceType()} ${request.url()}`);
      return route.abort();
    });
    await tab.goto(url, { waitUntil: "load" });
    const scripts = await tab.evaluate(() =>
      [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => s.textContent));
    const title = await tab.title();
    const h1 = await tab.evaluate(() => document.querySelector("h1")?.textContent ?? null);
    await tab.screenshot({ path: join(shots, `${slug}.png`), fullPage: true });
    await tab.close();
    const want = JSON.parse(readFileSync(join(dir, `${slug}.jsonld`), "utf8"));
    let got = null;
    let parseError = null;
    try {
      got = scripts.length === 1 ? JSON.parse(scripts[0]) : null;
    } catch (e) {
      parseError = String(e);
    }
    const equal = got !== null && isDeepStrictEqual(got, want);
    const ok = scripts.length === 1 && equal && errors.length === 0 && requests.length === 0;
    if (!ok) failed += 1;
    console.log(JSON.stringify({ page: name, ok, scripts: scripts.length, equal, parseError, title, h1, errors, requests }));
  }
} finally {
  await browser.close();
}
process.exitCode = failed === 0 ? 0 : 1;
