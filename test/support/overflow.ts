// What runs past the screen's edge on a page, and chart text outside its
// chart: checked in the browser by bounding boxes (the script is a string so
// the test code needs no DOM types).
import type { Page } from 'playwright-core';

const CHECK = `(() => {
  const vw = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ? '.' + el.className.split(' ')[0] : '') +
    ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const bad = [];
  if (document.documentElement.scrollWidth > vw + 1)
    bad.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + vw);
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -1 || r.right > vw + 1) bad.push(name(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  for (const t of document.querySelectorAll('section table')) {
    const box = t.closest('section').getBoundingClientRect();
    const r = t.getBoundingClientRect();
    if (r.right > box.right + 1) bad.push(name(t) + ' passes its section: ' + Math.round(r.right) + ' > ' + Math.round(box.right));
  }
  for (const svg of document.querySelectorAll('svg')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        bad.push('chart label cut off: "' + t.textContent + '"');
    }
  }
  return bad;
})()`;

/** Elements past the left or right edge of the viewport, tables wider than their section, and chart labels outside their chart. */
export function overflows(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(CHECK);
}

const BROKEN_WORDS = `(() => {
  const broken = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/[A-Za-z]{4,}/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) broken.push(m[0]);
    }
  }
  return broken;
})()`;

/** Words of four letters or more that the layout split across two lines (as "Enro-lled" in a narrow column). */
export function wordsBrokenAcrossLines(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(BROKEN_WORDS);
}
