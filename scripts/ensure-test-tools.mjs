// The tests drive real outside programs: Debian's Chromium for the browser tests (Playwright cannot
// download its own browser here) and GNU PSPP, which reads the SPSS exports as SPSS would.
// Finds them, or installs them with apt-get when running as root; otherwise says what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
const missing = [];
if (!chromium.some((p) => existsSync(p))) missing.push('chromium', 'fonts-dejavu-core');
if (!existsSync('/usr/bin/pspp')) missing.push('pspp');
if (missing.length === 0) process.exit(0);
if (process.getuid?.() === 0) {
  console.log(`Installing what the tests need from Debian: ${missing.join(' ')}...`);
  execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')} > /dev/null`, { stdio: 'inherit' });
  process.exit(0);
}
console.error(
  `The tests need ${missing.join(' ')}. Install them (Debian: sudo apt-get install -y ${missing.join(' ')}); Chromium may instead be given by CHROMIUM_PATH.`,
);
process.exit(1);
