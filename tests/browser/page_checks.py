"""What a projector shows, measured in the page: text sizes, overlaps, clipping, layout jumps.

Each check is a small JavaScript function run with Playwright's `evaluate` on an element, so it
measures what the browser really laid out and painted, not what the Python side meant to send.
"""

import json

# Every piece of text rendered inside `root`, with the size it is drawn at in CSS pixels: for HTML
# its computed font size; for SVG text its font size times the scale the SVG is drawn at (its
# viewBox against its size on screen, from getScreenCTM), so a shrunken drawing reports small text.
# Text that takes no room on screen (hidden, in a collapsed element) is left out.
TEXT_SIZES = """(root) => {
    const found = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.trim();
        const element = node.parentElement;
        if (!text || !element) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        if (![...range.getClientRects()].some(r => r.width > 0 && r.height > 0)) continue;
        const style = getComputedStyle(element);
        if (style.visibility !== 'visible' || Number(style.opacity) === 0) continue;
        let px = parseFloat(style.fontSize);
        const svgText = element.closest('text');
        if (svgText && svgText.getScreenCTM) {
            const m = svgText.getScreenCTM();
            px *= Math.hypot(m.a, m.b);
        }
        found.push({text: text.slice(0, 40), px: Math.round(px * 100) / 100, svg: Boolean(svgText)});
    }
    return found.sort((a, b) => a.px - b.px);
}"""

# Words broken across two lines: for each word of each text node, the lines its boxes sit on.
BROKEN_WORDS = """(root) => {
    const broken = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const re = /\\S+/g;
        let match;
        while ((match = re.exec(node.textContent))) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
            if (tops.size > 1) broken.push(match[0]);
        }
    }
    return broken;
}"""

# The boxes of the elements matching each selector (visible ones), described for messages.
BOXES = """(root, selectors) => {
    const boxes = [];
    for (const selector of selectors) {
        root.querySelectorAll(selector).forEach((element, i) => {
            const r = element.getBoundingClientRect();
            if (r.width < 1 || r.height < 1 || getComputedStyle(element).visibility !== 'visible') return;
            const text = element.innerText || element.getAttribute('class') || '';
            const label = text.trim().split('\\n')[0].slice(0, 24);
            boxes.push({selector, i, label, left: r.left, top: r.top, right: r.right, bottom: r.bottom});
        });
    }
    return boxes;
}"""

# Pairs of matched elements whose boxes overlap (neither inside the other in the document).
OVERLAPS = """(root, selectors) => {
    const items = [];
    for (const selector of selectors) {
        root.querySelectorAll(selector).forEach(element => {
            const r = element.getBoundingClientRect();
            if (r.width < 1 || r.height < 1 || getComputedStyle(element).visibility !== 'visible') return;
            const text = element.innerText || element.getAttribute('class') || '';
            const label = text.trim().split('\\n')[0].slice(0, 24);
            items.push({element, r, name: selector + ' ' + JSON.stringify(label)});
        });
    }
    const pairs = [];
    items.forEach((a, i) => items.slice(i + 1).forEach(b => {
        if (a.element.contains(b.element) || b.element.contains(a.element)) return;
        const width = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const height = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (width > 1 && height > 1) pairs.push([a.name, b.name, Math.round(width), Math.round(height)]);
    }));
    return pairs;
}"""

# Elements under `root` cut off by an ancestor that hides or scrolls its overflow (up to the output
# area, whose own edge counts too): [description, visible fraction of its width, of its height].
CLIPPED = """(root, selectors) => {
    const area = root.closest('.jp-OutputArea-output') || root.parentElement;
    const clipped = [];
    for (const selector of selectors) {
        root.querySelectorAll(selector).forEach(element => {
            const r = element.getBoundingClientRect();
            if (r.width < 1 || r.height < 1) return;
            let left = r.left, top = r.top, right = r.right, bottom = r.bottom;
            for (let up = element.parentElement; up; up = up.parentElement) {
                const style = getComputedStyle(up);
                if (up === area || style.overflowX !== 'visible' || style.overflowY !== 'visible') {
                    const u = up.getBoundingClientRect();
                    left = Math.max(left, u.left); right = Math.min(right, u.right);
                    top = Math.max(top, u.top); bottom = Math.min(bottom, u.bottom);
                }
                if (up === area) break;
            }
            const seenWidth = Math.max(0, right - left) / r.width, seenHeight = Math.max(0, bottom - top) / r.height;
            if (seenWidth < 0.99 || seenHeight < 0.99) {
                const label = (element.innerText || element.getAttribute('class') || '').trim().slice(0, 30);
                clipped.push([selector + ' ' + label, seenWidth, seenHeight]);
            }
        });
    }
    if (root.scrollWidth > root.clientWidth + 1) {  // name what sticks out past its right edge
        const edge = root.getBoundingClientRect().right;
        const out = [...root.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > edge + 1);
        const names = out.slice(0, 4).map(e => e.className.baseVal ?? e.className).join(' | ');
        clipped.push(['the widget scrolls sideways: ' + names, root.clientWidth / root.scrollWidth, 1]);
    }
    return clipped;
}"""

# The nearest ancestor that scrolls vertically (the notebook), as a box: what is on screen.
VISIBLE_AREA = """(element) => {
    for (let up = element.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (/(auto|scroll)/.test(style.overflowY) && up.scrollHeight > up.clientHeight + 1) {
            const r = up.getBoundingClientRect();
            return {top: Math.max(r.top, 0), bottom: Math.min(r.bottom, window.innerHeight)};
        }
    }
    return {top: 0, bottom: window.innerHeight};
}"""

# Put `element`'s top at the top of the notebook's view (as a lecturer scrolls to a widget).
SCROLL_TO_TOP = "(element) => element.scrollIntoView({block: 'start'})"

# Button labels and icons: the text, the icon's class, the icon font and whether that font loaded.
BUTTONS = """(root) => [...root.querySelectorAll('button')].filter(b => b.offsetParent).map(b => {
    const icon = b.querySelector('i');
    const family = icon ? getComputedStyle(icon).fontFamily.replace(/"/g, '') : null;
    const loaded = family
        ? [...document.fonts].some(f => f.family.replace(/"/g, '') === family && f.status === 'loaded')
        : null;
    return {
        text: b.innerText.trim(),
        icon: icon ? icon.className : null,
        glyph: icon ? getComputedStyle(icon, '::before').content : null,
        iconWidth: icon ? icon.getBoundingClientRect().width : null,
        font: family,
        loaded,
    };
})"""

# How wide an <img> is drawn against how many pixels it has.
IMAGE_SCALE = "(img) => ({natural: img.naturalWidth, shown: img.getBoundingClientRect().width})"

# Run code in the notebook's kernel without adding a cell; returns what it printed.
RUN_IN_KERNEL = """async (code) => {
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    let text = '';
    const future = kernel.requestExecute({code});
    future.onIOPub = (msg) => { if (msg.header.msg_type === 'stream') text += msg.content.text; };
    await future.done;
    return text;
}"""


def text_sizes(locator):
    return locator.evaluate(TEXT_SIZES)


def smallest_text(locator):
    """(pixels, text) of the smallest text rendered inside `locator`, or (inf, '') if none."""
    sizes = text_sizes(locator)
    return (sizes[0]["px"], sizes[0]["text"]) if sizes else (float("inf"), "")


def boxes(locator, selectors):
    return locator.evaluate(BOXES, list(selectors))


def overlaps(locator, selectors):
    """Pairs of the matched elements whose boxes overlap by more than a pixel each way (an element
    and one inside it in the page do not count)."""
    return locator.evaluate(OVERLAPS, list(selectors))


def clipped(locator, selectors):
    return locator.evaluate(CLIPPED, list(selectors))


def layout_of(locator, selectors):
    """The boxes of the matched elements, rounded to half a pixel: equal before and after an action
    when nothing moved."""
    return [
        (b["selector"], b["i"], *(round(b[k] * 2) / 2 for k in ("left", "top", "right", "bottom")))
        for b in boxes(locator, selectors)
    ]


def describe(value):
    return json.dumps(value, ensure_ascii=False)[:2000]
