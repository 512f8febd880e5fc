// Draws images/icon.png (128x128): three stacked layers joined by a ref line, rendered by Chromium.
// Run once after changing the drawing: node scripts/draw-icon.mjs
import { chromium } from 'playwright-core';

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <rect width="128" height="128" rx="24" fill="#1f2a36"/>
  <g stroke-linejoin="round" stroke-width="3">
    <path d="M64 80 L108 96 L64 112 L20 96 Z" fill="#2f6f9f" stroke="#8fc3ea"/>
    <path d="M64 58 L108 74 L64 90 L20 74 Z" fill="#3f8f7f" stroke="#a6e3cf"/>
    <path d="M64 36 L108 52 L64 68 L20 52 Z" fill="#d9a441" stroke="#ffe1a0"/>
  </g>
  <path d="M40 22 C40 38 88 30 88 46" fill="none" stroke="#ffffff" stroke-width="4" stroke-linecap="round" stroke-dasharray="1 8"/>
  <circle cx="40" cy="20" r="7" fill="#ffffff"/>
  <circle cx="88" cy="48" r="5" fill="#ffffff"/>
</svg>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({ path: 'images/icon.png', omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
await browser.close();
console.log('wrote images/icon.png');
