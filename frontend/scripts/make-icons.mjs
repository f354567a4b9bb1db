// Renders public/icon.svg into the PWA icons and a real favicon.ico (PNG-in-ICO, 16/32/48) with Debian's Chromium: node scripts/make-icons.mjs
import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync } from 'node:fs';
const svg = readFileSync('public/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
async function render(size, { pad = 0, bg = null } = {}) {
  await page.setViewportSize({ width: size, height: size });
  const inner = size - 2 * pad;
  await page.setContent(`<html><body style="margin:0;background:${bg ?? 'transparent'}"><div style="padding:${pad}px;width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`);
  return page.screenshot({ omitBackground: !bg, clip: { x: 0, y: 0, width: size, height: size } });
}
writeFileSync('public/pwa-192x192.png', await render(192));
writeFileSync('public/pwa-512x512.png', await render(512));
writeFileSync('public/maskable-512x512.png', await render(512, { pad: 51, bg: '#c0392b' }));
writeFileSync('public/apple-touch-icon.png', await render(180, { bg: '#ffffff' }));
const sizes = [16, 32, 48];
const pngs = [];
for (const s of sizes) pngs.push(await render(s));
const header = Buffer.alloc(6 + 16 * sizes.length);
header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(sizes.length, 4);
let offset = header.length;
sizes.forEach((s, i) => {
  const e = 6 + 16 * i;
  header.writeUInt8(s, e); header.writeUInt8(s, e + 1); header.writeUInt8(0, e + 2); header.writeUInt8(0, e + 3);
  header.writeUInt16LE(1, e + 4); header.writeUInt16LE(32, e + 6);
  header.writeUInt32LE(pngs[i].length, e + 8); header.writeUInt32LE(offset, e + 12);
  offset += pngs[i].length;
});
writeFileSync('public/favicon.ico', Buffer.concat([header, ...pngs]));
await browser.close();
