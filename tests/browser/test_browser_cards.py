"""check()'s card in a real JupyterLab, on a narrow window: big enough to read on a projector, prose
in the notebook's font, and no word broken in two (JupyterLab's own output style breaks anywhere)."""

CELLS = [
    """import numpy as np
from deepslow.exercises import FunctionExercise, check

softmax_exercise = FunctionExercise("b-softmax", "Softmax of a batch", cases={
    "large logits": (np.array([[1000.0, 1001.0, 1002.0, 1003.0, 1004.0, 1005.0, 1006.0, 1007.0]]),),
})

def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


softmax_exercise.reference(softmax)
check("b-softmax", lambda z: np.exp(z) / np.exp(z).sum(axis=1, keepdims=True))""",
]

MEASURE = """() => {
    const card = document.querySelector('.jp-OutputArea-output .deepslow-card');
    const texts = [...card.querySelectorAll('div, th, b')]
        .filter(e => e.childElementCount === 0 && e.textContent.trim());
    const sizes = texts.map(e => parseFloat(getComputedStyle(e).fontSize));
    const prose = [...card.querySelectorAll('td div')].filter(e => e.textContent.includes('overflows'));
    const broken = [];
    const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of node.textContent.matchAll(/[A-Za-z]{3,}/g)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            if (lines.size > 1) broken.push(match[0]);
        }
    }
    return {
        smallest: Math.min(...sizes),
        proseFont: prose.length ? getComputedStyle(prose[0]).fontFamily : null,
        broken,
        words: card.textContent.length,
    };
}"""


def test_the_card_is_readable_and_never_breaks_a_word(lab):
    lab.viewport = {"width": 760, "height": 900}  # a narrow window: long lines must wrap
    nb = lab.open_notebook(CELLS)
    nb.run_all(timeout=90)
    assert nb.errors() == []
    nb.output(0).locator(".deepslow-card").wait_for()
    seen = nb.page.evaluate(MEASURE)
    assert seen["words"] > 200
    assert seen["smallest"] >= 13, seen
    assert seen["proseFont"] and "monospace" not in seen["proseFont"].lower(), seen
    assert seen["broken"] == [], seen
    nb.screenshot("browser-card", nb.output(0))
