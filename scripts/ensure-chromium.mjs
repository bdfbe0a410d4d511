// Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
// Finds it, or installs it with apt-get when running as root; otherwise says what to do.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) process.exit(0);
if (process.getuid?.() === 0) {
  console.log("Chromium is missing: installing Debian's chromium for the browser tests...");
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core > /dev/null', {
    stdio: 'inherit',
  });
  process.exit(0);
}
console.error('The browser tests need Chromium. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.');
process.exit(1);
