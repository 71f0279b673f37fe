// Retakes the pictures in docs/screenshots/ by driving a fresh sandbox in Chromium:
// `npm run screenshots` takes them all; `-- pages` only each main page's (page-*.png, a minute),
// `-- walkthrough` only the sandbox walk-through's (docs/sandbox-walkthrough.md, about three
// minutes: the sandbox waits its two idle minutes before it assigns a coordinator). CHROMIUM names
// the browser (default /usr/bin/chromium).
import { pagesTour } from './screenshots/pages.ts';
import { type Sandbox, screenshotsFolder, withSandbox } from './screenshots/sandbox.ts';
import { walkThrough } from './screenshots/walkthrough.ts';

const tours: Record<string, (sandbox: Sandbox) => Promise<void>> = {
  pages: pagesTour,
  walkthrough: walkThrough,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in tours));
if (unknown.length > 0) {
  console.error(
    `No such set of pictures: ${unknown.join(', ')}. Choose among: ${Object.keys(tours).join(', ')}.`,
  );
  process.exit(2);
}
// Each tour on its own sandbox: what one does never shows in the other's pictures.
for (const name of asked.length > 0 ? asked : Object.keys(tours)) {
  console.log(`Taking the ${name} pictures.`);
  const tour = tours[name];
  if (tour) await withSandbox(tour);
}
console.log(`Screenshots are in ${screenshotsFolder}`);
